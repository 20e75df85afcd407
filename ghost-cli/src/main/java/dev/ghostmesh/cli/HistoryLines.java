package dev.ghostmesh.cli;

import dev.ghostmesh.HistoryEntry;
import dev.ghostmesh.Message;
import dev.ghostmesh.MessageKind;
import dev.ghostmesh.NodeId;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

/**
 * The chat's history lines: each entry as the line it was shown as (or echoed as, for our
 * own), behind a tag that says it is history and when it came, in local time:
 * <pre>
 * [history 14:05] &lt;alice&gt; hello everyone
 * [history 14:06] [#Dev] &lt;bob&gt; standup in 5
 * [history 2026-12-03 09:12] [private] &lt;alice&gt; lunch?
 * [history 14:07] [private to alice] sure
 * [history 14:09, late] &lt;carol&gt; I was cut off    arrived by catch-up after a split
 * </pre>
 * The date is shown for an entry of another day than today. At start the chat shows the last
 * {@link HistoryStore#START_LINES} and then {@code * end of history}.
 *
 * <p>Threading: the input thread (a command, the start); prints through the thread-safe
 * {@link ChatView}.
 */
final class HistoryLines {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");
    private static final DateTimeFormatter DAY_TIME =
            DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm");

    private final ChatView view;
    /** The zone and the day that count as today. */
    private final Clock clock;

    HistoryLines(ChatView view) {
        this(view, Clock.systemDefaultZone());
    }

    HistoryLines(ChatView view, Clock clock) {
        this.view = view;
        this.clock = clock;
    }

    /**
     * The entries of earlier runs, then {@code * end of history}; nothing if none.
     * {@code names}: those of the nodes our private messages went to, where known.
     */
    void atStart(List<HistoryEntry> entries, Map<NodeId, String> names) {
        if (!entries.isEmpty()) {
            print(entries, names);
            view.system("end of history");
        }
    }

    /** What {@code /history} found, or one line saying there is nothing. */
    void result(CommandResult.History h) {
        if (!h.entries().isEmpty()) {
            print(h.entries(), h.names());
        } else if (h.peer() != null) {
            view.system("no private messages with " + view.labelOr(h.peer().id(),
                    h.peer().username()) + " yet");
        } else if (h.query().group().isPresent()) {
            view.system("no history of #" + view.groupName(h.query().group().get()) + " yet");
        } else {
            view.system("no history yet");
        }
    }

    private void print(List<HistoryEntry> entries, Map<NodeId, String> names) {
        LocalDate today = LocalDate.now(clock);
        for (HistoryEntry e : entries) {
            view.history(mark(e, today), line(e.message(), names));
        }
    }

    private String mark(HistoryEntry e, LocalDate today) {
        ZonedDateTime at = e.receivedAt().atZone(clock.getZone());
        String when = (at.toLocalDate().equals(today) ? TIME : DAY_TIME).format(at);
        return e.late() ? when + ", late" : when;
    }

    private String line(Message m, Map<NodeId, String> names) {
        String from = view.isSelf(m.sender()) ? view.self()
                : view.label(m.sender(), m.senderName());
        if (m.kind() == MessageKind.PRIVATE && m.target().isPresent()) {
            NodeId to = m.target().get();
            return view.isSelf(m.sender()) && !view.isSelf(to)
                    ? view.privateToLine(view.labelOr(to, names.get(to)), m.text())
                    : view.privateFromLine(from, m.text());
        }
        if (m.kind() == MessageKind.GROUP && m.group().isPresent()) {
            return view.groupLine(m.group().get(), from, m.text());
        }
        return view.broadcastLine(from, m.text());
    }
}
