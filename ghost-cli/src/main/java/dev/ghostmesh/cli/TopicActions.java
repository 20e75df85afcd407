package dev.ghostmesh.cli;

import dev.ghostmesh.MessageId;
import dev.ghostmesh.NoHandlerException;
import dev.ghostmesh.NodeInfo;
import dev.ghostmesh.Subscription;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;

/**
 * The actions of the data-plane commands on topics: {@code publish} (to every subscriber of
 * a topic), {@code subscribe} and {@code unsubscribe} (this session's deliveries, shown as
 * chat lines or written as JSON {@code delivery} events), and {@code send} (a routed direct
 * message to one node's subscription of a topic, confirmed by it). A text goes out as its
 * UTF-8 bytes; JSON may give base64 {@code data} instead.
 *
 * <p>Threading: called on the input thread; {@code publish} waits briefly for the node,
 * {@code send} returns at once with the future of the target's confirmation.
 */
final class TopicActions {
    /** Longer than the node's receipt timeout (30 s), so its own TimeoutException wins. */
    static final long SEND_CONFIRM_SECONDS = 40;

    private TopicActions() {}

    static CommandResult publish(CommandContext c, CommandArgs a) {
        String topic = a.required("topic");
        byte[] payload = payload(a);
        MessageId id = CommandHandler.await(c.node.publish(topic, payload));
        return new CommandResult.Published(id, topic, text(payload), payload.length);
    }

    static CommandResult subscribe(CommandContext c, CommandArgs a) {
        String topic = a.required("topic");
        if (c.subscriptions.containsKey(topic)) {
            return new CommandResult.Subscribed(topic, true);
        }
        Subscription s = c.node.subscribe(topic, c.deliveries);
        c.subscriptions.put(topic, s);
        return new CommandResult.Subscribed(topic, false);
    }

    static CommandResult unsubscribe(CommandContext c, CommandArgs a) {
        String topic = a.required("topic");
        Subscription s = c.subscriptions.remove(topic);
        if (s == null) {
            throw new CommandError("not_subscribed", "not subscribed to topic " + topic,
                    "not subscribed to topic " + Sanitizer.clean(topic) + " (/subscribe "
                            + Sanitizer.clean(topic) + " first)");
        }
        s.close();
        return new CommandResult.Unsubscribed(topic);
    }

    static CommandResult send(CommandContext c, CommandArgs a) {
        NodeInfo target = MessageActions.resolve(c, a.required("to"),
                "cannot send to yourself");
        String topic = a.required("topic");
        byte[] payload = payload(a);
        CompletableFuture<MessageId> outcome = c.node.send(target.id(), topic, payload);
        return new CommandResult.DirectSending(target, topic, text(payload), payload.length,
                outcome);
    }

    /** Waits for a send's confirmation: the JSON mode replies with its outcome. */
    static CommandResult.DirectSent confirm(CommandResult.DirectSending s) {
        try {
            MessageId id = CommandHandler.await(s.outcome(), SEND_CONFIRM_SECONDS);
            return new CommandResult.DirectSent(id, s.to(), s.topic(), s.text(), s.size());
        } catch (CompletionException e) {
            throw sendError(e.getCause());
        } catch (IllegalStateException e) {
            throw new CommandError("failed", CommandHandler.messageOf(e));
        }
    }

    /** {@code no_handler}, {@code timeout} or {@code failed}, with the library's reason. */
    static CommandError sendError(Throwable error) {
        Throwable e = error;
        while (e instanceof CompletionException && e.getCause() != null) {
            e = e.getCause();
        }
        String code = e instanceof NoHandlerException ? "no_handler"
                : e instanceof TimeoutException ? "timeout" : "failed";
        return new CommandError(code, CommandHandler.messageOf(e));
    }

    private static byte[] payload(CommandArgs a) {
        byte[] data = a.bytes("text");
        return data != null ? data : a.required("text").getBytes(StandardCharsets.UTF_8);
    }

    /** The payload as text if it is valid UTF-8, else null (shown as a byte count). */
    static String text(byte[] payload) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(payload)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
