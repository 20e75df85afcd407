package dev.ghostmesh.cli;

import dev.ghostmesh.GroupName;
import dev.ghostmesh.MeshNode;
import dev.ghostmesh.Message;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Broadcast and group lines typed while the node has no peer. A flooded message sent with no
 * link reaches nobody and is never repeated, so instead of echoing it as if it had gone out,
 * the line is held here (at most {@value #MAX_LINES}), the user is told
 * ({@code * no peers: not delivered to anyone yet; queued until a peer links}), and the held
 * lines are sent in order as soon as the first peer links, each echoed when it is really
 * sent. That makes {@code printf 'hello\n' | ghost-terminal --connect host} deliver its line
 * although the link comes up after the line was read. At the end of input (or {@code /quit})
 * the chat waits a bounded time for held lines to go out ({@link #awaitSent}) and says, per
 * line, what was never sent.
 *
 * <p>Threading: {@link #offer} runs on the input thread, {@link #peerLinked} on the node's
 * listener thread; both hold this object's lock, so a line is never both held and sent, and
 * held lines keep their order. Echoes of flushed lines run on the node's callback thread, in
 * send order.
 */
final class PendingSends {
    /** Lines held at most; more are refused with an error each. */
    static final int MAX_LINES = 100;
    /** The node's text limit (MeshNode#broadcast), checked before a line is held. */
    static final int MAX_TEXT_BYTES = 16 * 1024;

    /** A held line: a broadcast when {@code group} is null. */
    private record Held(GroupName group, String text) {}

    private final MeshNode node;
    private final ChatView view;
    private final Deque<Held> held = new ArrayDeque<>();
    private final List<CompletableFuture<Message>> sending = new ArrayList<>();

    PendingSends(MeshNode node, ChatView view) {
        this.node = node;
        this.view = view;
    }

    /**
     * Holds {@code text} (for {@code group}, or a broadcast when null) if the node has no peer
     * or older lines are still held; returns false when the caller should send it now. A text
     * the node would refuse is refused here at once (IllegalArgumentException), not later.
     */
    synchronized boolean offer(GroupName group, String text) {
        if (held.isEmpty() && !node.peers().isEmpty()) {
            return false;
        }
        String problem = textProblem(text);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        if (held.size() >= MAX_LINES) {
            view.error("not sent: " + MAX_LINES + " lines are already waiting for a peer");
            return true;
        }
        held.add(new Held(group, text));
        view.system("no peers: not delivered to anyone yet; queued until a peer links ("
                + held.size() + (held.size() == 1 ? " line" : " lines") + " waiting)");
        // A peer may have linked between the check above and now, its event already handled.
        if (!node.peers().isEmpty()) {
            flush();
        }
        return true;
    }

    /** A peer linked: sends every held line, in order. */
    synchronized void peerLinked() {
        if (!held.isEmpty()) {
            view.system("a peer linked: sending " + held.size()
                    + (held.size() == 1 ? " queued line" : " queued lines"));
            flush();
        }
    }

    private void flush() {
        sending.removeIf(CompletableFuture::isDone);
        while (!held.isEmpty()) {
            Held h = held.poll();
            CompletableFuture<Message> f;
            try {
                f = h.group() == null ? node.broadcast(h.text())
                        : node.sendToGroup(h.group(), h.text());
            } catch (RuntimeException e) {
                f = CompletableFuture.failedFuture(e);
            }
            sending.add(f.whenComplete((sent, error) -> echo(h, sent, error)));
        }
        notifyAll(); // awaitSent
    }

    private void echo(Held h, Message sent, Throwable error) {
        if (error != null) {
            view.error("not sent: " + Sanitizer.clean(CommandHandler.messageOf(error)) + ": "
                    + Sanitizer.clean(h.text()));
        } else if (h.group() == null) {
            view.broadcast(view.self(), sent.text());
        } else {
            view.group(sent.group().orElse(h.group()), view.self(), sent.text());
        }
    }

    /**
     * At the end of input: waits up to {@code max} for held lines to be sent (or not at all
     * when {@code linkPossible} is false: nothing could link), then prints one error per line
     * still held and drops them. Also waits for lines already being sent, so the node is not
     * closed under them. Input thread only.
     */
    void awaitSent(Duration max, boolean linkPossible) {
        long deadline = System.nanoTime() + max.toNanos();
        synchronized (this) {
            if (!held.isEmpty() && linkPossible) {
                view.system("waiting up to " + span(max) + " for a peer to send "
                        + held.size() + (held.size() == 1 ? " queued line" : " queued lines"));
            }
            while (!held.isEmpty() && linkPossible) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                try {
                    // peerLinked() empties the queue under this lock and notifies.
                    TimeUnit.NANOSECONDS.timedWait(this, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            String why = linkPossible ? "no peer linked within " + span(max)
                    : "no peer, and none can link (--no-discovery without --connect)";
            for (Held h : held) {
                view.error("not sent (" + why + "): " + Sanitizer.clean(h.text()));
            }
            held.clear();
        }
        for (CompletableFuture<Message> f : snapshot()) {
            try {
                f.get(CommandHandler.SEND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            } catch (Exception e) {
                // Reported by its echo; only the wait matters here.
            }
        }
    }

    private synchronized List<CompletableFuture<Message>> snapshot() {
        return List.copyOf(sending);
    }

    private static String span(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    /** Why the node would refuse {@code text}, as MeshNode#broadcast words it, or null. */
    static String textProblem(String text) {
        if (text.isEmpty()) {
            return "empty message";
        }
        int bytes = text.getBytes(StandardCharsets.UTF_8).length;
        return bytes > MAX_TEXT_BYTES ? "message is " + bytes + " bytes of UTF-8; the limit is "
                + MAX_TEXT_BYTES : null;
    }
}
