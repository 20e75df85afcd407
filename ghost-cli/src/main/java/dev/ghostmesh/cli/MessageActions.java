package dev.ghostmesh.cli;

import dev.ghostmesh.GroupName;
import dev.ghostmesh.Message;
import dev.ghostmesh.NodeInfo;

/**
 * The actions of the chat-message commands: {@code broadcast}, {@code msg} and {@code group},
 * and the user resolution every command that names a node shares ({@link #resolve}).
 *
 * <p>Threading: called on the input thread; waits briefly for the node, so results come in
 * command order.
 */
final class MessageActions {
    private MessageActions() {}

    static CommandResult broadcast(CommandContext c, CommandArgs a) {
        String text = a.required("text");
        if (c.pending != null && c.pending.offer(null, text)) {
            return new CommandResult.Queued();
        }
        return new CommandResult.Sent(CommandHandler.await(c.node.broadcast(text)));
    }

    static CommandResult privateMessage(CommandContext c, CommandArgs a) {
        NodeInfo target = resolve(c, a.required("to"), "cannot send a private message to"
                + " yourself");
        Message sent = CommandHandler.await(c.node.sendPrivate(target.id(), a.required("text")));
        return new CommandResult.PrivateSent(sent, target);
    }

    static CommandResult group(CommandContext c, CommandArgs a) {
        GroupName name = GroupActions.name(a.required("group"));
        String text = a.required("text");
        if (c.pending != null && GroupActions.joined(c.node, name)
                && c.pending.offer(name, text)) {
            return new CommandResult.Queued();
        }
        boolean isProtected = c.node.groups().stream()
                .anyMatch(g -> g.name().equals(name) && g.protectedGroup());
        String typed = Sanitizer.clean(name.display());
        Message sent = GroupActions.run(c.node, c.node.sendToGroup(name, text), name,
                " (/join " + typed + (isProtected ? " <password>" : "") + " first)",
                CommandHandler.SEND_TIMEOUT_SECONDS);
        GroupName to = sent.group().orElse(name);
        return new CommandResult.GroupSent(sent, to, GroupActions.meshSpelling(c.node, to));
    }

    /**
     * The one other node {@code query} names, as /msg resolves it ({@link UserResolver});
     * otherwise {@code self} (with {@code selfError}), {@code unknown_user} or
     * {@code ambiguous_user}.
     */
    static NodeInfo resolve(CommandContext c, String query, String selfError) {
        UserResolver.Result found = UserResolver.resolve(query, c.node.nodes(), c.names);
        if (found.match() != null) {
            return found.match();
        }
        if (UserResolver.isSelf(query, c.node, c.names)) {
            throw new CommandError("self", selfError);
        }
        boolean unknown = found.error().startsWith("unknown user");
        throw new CommandError(unknown ? "unknown_user" : "ambiguous_user", found.error());
    }
}
