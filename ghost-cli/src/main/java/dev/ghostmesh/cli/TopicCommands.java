package dev.ghostmesh.cli;

import static dev.ghostmesh.cli.CommandSpec.Completion.NONE;
import static dev.ghostmesh.cli.CommandSpec.Completion.USER;

import dev.ghostmesh.cli.CommandSpec.Param;
import java.util.List;

/**
 * The rows of the command table for the data plane: {@code publish}, {@code subscribe},
 * {@code unsubscribe} and {@code send} (see {@link TopicActions}), kept apart from
 * {@link Commands} so each file stays small.
 *
 * <p>Threading: run once, while {@link Commands} initialises.
 */
final class TopicCommands {
    private static final Param TOPIC = Param.word("topic", "<topic>", NONE);
    private static final Param DATA = Param.rest("text", "<text>").orBase64("data");

    private TopicCommands() {}

    static void add(List<CommandSpec> t) {
        t.add(Commands.spec("publish", List.of(TOPIC, DATA), Commands.help(
                "publish <text> on a topic, to every node subscribed to it",
                "example: /publish sensors/kitchen 21.5",
                "Publishes the UTF-8 bytes of <text> on <topic>: every node relays it, the"
                        + " nodes subscribed",
                "to the topic show it. A topic is 1-128 letters, digits and . _ - /"
                        + " (ghost/ is reserved)."),
                TopicActions::publish));
        t.add(Commands.spec("subscribe", List.of(TOPIC), Commands.help(
                "show what is published on a topic: [topic t] <alice> text",
                "example: /subscribe sensors/kitchen",
                "From now on, messages published on <topic> (and those sent to you on it with"
                        + " /send) show",
                "as [topic <topic>] <sender> <text>, or <N> bytes when they are not text."),
                TopicActions::subscribe));
        t.add(Commands.spec("unsubscribe", List.of(TOPIC), Commands.help(
                "stop showing a topic", "example: /unsubscribe sensors/kitchen",
                "Stops showing what is published on <topic>."),
                TopicActions::unsubscribe));
        t.add(Commands.spec("send", List.of(Param.word("to", "<user>", USER), TOPIC, DATA),
                Commands.help("send <text> on a topic to one node, which must subscribe to it",
                "example: /send bob jobs/build start",
                "Sends <text> on <topic> to <user> alone, sealed and routed to it. When it"
                        + " confirms you see",
                "\"* sent to bob on topic jobs/build: ...\"; if it does not subscribe to the"
                        + " topic, or does",
                "not answer within 30 s, an error line says so."),
                TopicActions::send));
    }
}
