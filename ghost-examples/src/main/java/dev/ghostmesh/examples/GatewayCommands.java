package dev.ghostmesh.examples;

import dev.ghostmesh.Delivery;
import dev.ghostmesh.MeshNode;
import dev.ghostmesh.Message;
import dev.ghostmesh.NodeId;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * What the {@link IotGateway} answers: requests on the {@code gateway/...} topics below (the
 * asking side is {@link IotClient}), and the same commands as chat text in a private message
 * ({@code status}, {@code set-interval 5}, {@code stop}), which is how {@code ghost-terminal}'s
 * {@code /msg} reaches it. A request's answer is its reply, so a failure (an unknown topic, a
 * bad interval, a sender who is not an operator) reaches the asker as a failed future; a chat
 * command's answer is a private message.
 *
 * <p>Threading: the handlers run on the gateway's thread (the node's callback executor), as
 * does everything of the gateway they call.
 */
final class GatewayCommands {
    /** Request: empty. Reply: the status, UTF-8 text. */
    static final String STATUS = "gateway/status";
    /** Request: the interval in milliseconds, a 4-byte int. Reply: what was set, UTF-8 text. */
    static final String SET_INTERVAL = "gateway/set-interval";
    /** Request: empty. Reply: {@code stopping}; the gateway then says goodbye and exits. */
    static final String STOP = "gateway/stop";
    /** Request: empty. Reply, once it is taken: the next temperature {@link SensorReading}. */
    static final String NEXT_READING = "gateway/next-reading";
    static final String NOT_AUTHORIZED = "not authorized: this gateway obeys its operators only";

    private final IotGateway gateway;
    private final MeshNode node;
    private final Set<NodeId> operators;
    private final PrintStream out;

    GatewayCommands(IotGateway gateway, MeshNode node, Set<NodeId> operators, PrintStream out) {
        this.gateway = gateway;
        this.node = node;
        this.operators = operators;
        this.out = out;
    }

    /** Registers the request handlers; before the node starts, so no request finds none. */
    void register() {
        node.onRequest(STATUS, d -> answer(d, "status", gateway::status));
        node.onRequest(SET_INTERVAL, d -> answer(d, "set-interval", () -> {
            ByteBuffer payload = d.payload();
            if (payload.remaining() != Integer.BYTES) {
                throw new IllegalArgumentException("set-interval takes milliseconds as a 4-byte"
                        + " int, not " + payload.remaining() + " bytes");
            }
            return gateway.setInterval(Duration.ofMillis(payload.getInt()));
        }));
        node.onRequest(STOP, d -> {
            byte[] reply = answer(d, "stop", () -> "stopping");
            // The reply is on its way (handed to the node as this returns); close() sends it.
            gateway.requestStop("stop request from " + who(d.sender(), d.senderName()), 0);
            return reply;
        });
        // Async: the answer waits for the next reading; the handler must not block for it.
        node.onRequestAsync(NEXT_READING, d -> {
            answer(d, "next-reading", () -> "waiting for reading " + (gateway.readings() + 1));
            return gateway.nextReading().thenApply(SensorReading::encode);
        });
    }

    /** Obeys a chat command, {@code status} or {@code set-interval 2}, and answers by chat. */
    void obey(Message command) {
        String who = who(command.sender(), command.senderName());
        String text = command.text().strip();
        String reply = allowed(command.sender()) ? execute(text) : NOT_AUTHORIZED;
        out.println("command from " + who + ": " + IotGateway.printable(text) + " -> " + reply);
        node.sendPrivate(command.sender(), reply).whenComplete((sent, error) -> {
            if (error != null) {
                out.println("error: reply to " + who + " not sent: " + cause(error).getMessage());
            }
        });
        if (reply.equals("stopping")) {
            // After the reply: close() flushes what the node was handed before it.
            gateway.requestStop("stop command from " + who, 0);
        }
    }

    /**
     * Runs {@code action} for a request from an operator and prints it; its result is the
     * reply. A refusal or a bad argument throws, which the requester gets as a failure.
     */
    private byte[] answer(Delivery request, String what, Supplier<String> action) {
        String who = who(request.sender(), request.senderName());
        String result;
        try {
            if (!allowed(request.sender())) {
                throw new SecurityException(NOT_AUTHORIZED);
            }
            result = action.get();
        } catch (IllegalArgumentException | SecurityException e) {
            out.println("request from " + who + ": " + what + " -> refused: " + e.getMessage());
            throw e;
        }
        out.println("request from " + who + ": " + what + " -> " + result);
        return result.getBytes(StandardCharsets.UTF_8);
    }

    private String execute(String command) {
        String[] words = command.split("\\s+");
        switch (words[0].toLowerCase(Locale.ROOT)) {
            case "status":
                return gateway.status();
            case "set-interval":
                if (words.length != 2) {
                    return "usage: set-interval <seconds>";
                }
                try {
                    return gateway.setInterval(Intervals.parse(words[1]));
                } catch (IllegalArgumentException e) {
                    return "error: " + e.getMessage();
                }
            case "stop":
                return words.length == 1 ? "stopping" : "usage: stop";
            default:
                return "unknown command '" + IotGateway.printable(words[0])
                        + "'; commands: status, set-interval <seconds>, stop";
        }
    }

    private boolean allowed(NodeId sender) {
        // The sender of a request or private message is proven by its signature.
        return operators.isEmpty() || operators.contains(sender);
    }

    private static String who(NodeId id, String name) {
        return IotGateway.printable(name) + "#" + id.shortHex();
    }

    static Throwable cause(Throwable t) {
        return t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
    }
}
