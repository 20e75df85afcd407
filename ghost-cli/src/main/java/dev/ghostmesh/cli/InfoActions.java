package dev.ghostmesh.cli;

/**
 * The actions of {@code whois} and {@code help}, which look things up rather than act.
 *
 * <p>Threading: called on the input thread; reads the node's snapshots, which never block.
 */
final class InfoActions {
    private InfoActions() {}

    /** The node {@code user} names (as /msg resolves it), or this node itself. */
    static CommandResult whois(CommandContext c, CommandArgs a) {
        String query = a.required("user");
        UserResolver.Result r = UserResolver.resolve(query, c.node.nodes(), c.names);
        if (r.match() != null) {
            return new CommandResult.Whois(r.match(), c.node.groups());
        }
        if (UserResolver.isSelf(query, c.node, c.names)) {
            return new CommandResult.Whois(null, c.node.groups());
        }
        boolean unknown = r.error().startsWith("unknown user");
        throw new CommandError(unknown ? "unknown_user" : "ambiguous_user", r.error());
    }

    /** Help on every command, or on {@code command} ({@code msg} or {@code /msg}, any case). */
    static CommandResult help(CommandContext c, CommandArgs a) {
        String command = a.get("command");
        if (command == null || command.isBlank()) {
            return new CommandResult.Help(null);
        }
        CommandSpec spec = CommandHelp.spec(command);
        if (spec == null) {
            String typed = command.strip();
            throw new CommandError("invalid_field", "no command '" + typed + "'",
                    "no command " + Sanitizer.clean(typed) + " (type /help for the list)");
        }
        return new CommandResult.Help(spec);
    }
}
