package dev.ghostmesh.cli;

import dev.ghostmesh.GroupException;
import dev.ghostmesh.GroupInfo;
import dev.ghostmesh.GroupName;
import dev.ghostmesh.MeshNode;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The actions of {@code create}, {@code join} and {@code leave}, and the group errors every
 * group command shares: the JSON code is the library's reason ({@code unknown_group}, ...)
 * with its message; the chat line repeats the name as the user typed it, so the suggested
 * command ({@code /join dev}) can be typed back as is. A password is the rest of the chat
 * line; it is never printed or logged, and wiped once the command is done.
 *
 * <p>Threading: called on the input thread; each action waits for the node (a protected
 * group's key derivation takes a second or so, so up to {@link #PASSWORD_TIMEOUT_SECONDS}).
 */
final class GroupActions {
    /** Deriving a protected group's key takes a second or so; a loaded machine, longer. */
    static final long PASSWORD_TIMEOUT_SECONDS = 60;

    private GroupActions() {}

    static CommandResult createOrJoin(CommandContext c, CommandArgs a, boolean create) {
        GroupName name = name(a.required("group"));
        char[] password = a.secret("password");
        CompletableFuture<GroupInfo> op = password == null
                ? create ? c.node.createGroup(name) : c.node.joinGroup(name)
                : create ? c.node.createGroup(name, password) : c.node.joinGroup(name, password);
        GroupInfo g = run(c.node, op, name, "", password == null
                ? CommandHandler.SEND_TIMEOUT_SECONDS : PASSWORD_TIMEOUT_SECONDS);
        return new CommandResult.GroupJoined(g, create);
    }

    static CommandResult leave(CommandContext c, CommandArgs a) {
        GroupName name = name(a.required("group"));
        return new CommandResult.GroupLeft(run(c.node, c.node.leaveGroup(name), name, "",
                CommandHandler.SEND_TIMEOUT_SECONDS));
    }

    /** {@code text} as a group name, or {@code invalid_field} saying why not. */
    static GroupName name(String text) {
        try {
            return GroupName.of(text);
        } catch (IllegalArgumentException e) {
            throw CommandError.invalid(e.getMessage());
        }
    }

    /** Whether we are in {@code name}: only then is a chat line held rather than refused. */
    static boolean joined(MeshNode node, GroupName name) {
        return node.groups().stream().anyMatch(g -> g.name().equals(name) && g.joined());
    }

    /**
     * A group's name as the mesh spells it (its creator's spelling, so {@code dev} and
     * {@code DEV} both give {@code Dev}), unsanitized; the name as given if no group has it.
     */
    static String meshSpelling(MeshNode node, GroupName name) {
        for (GroupInfo g : node.groups()) {
            if (g.name().equals(name)) {
                return g.name().display();
            }
        }
        return name.display();
    }

    /**
     * Waits for a group operation; a GroupException becomes a CommandError.
     * {@code notMemberHint} follows the chat's "you are not in #x" (the way out differs).
     */
    static <T> T run(MeshNode node, CompletableFuture<T> operation, GroupName name,
            String notMemberHint, long timeoutSeconds) {
        try {
            return CommandHandler.await(operation, timeoutSeconds);
        } catch (CompletionException e) {
            if (!(e.getCause() instanceof GroupException g)) {
                throw e;
            }
            throw new CommandError(g.reason().name().toLowerCase(Locale.ROOT),
                    CommandHandler.messageOf(g), describe(node, g, name, notMemberHint));
        }
    }

    private static String describe(MeshNode node, GroupException e, GroupName name,
            String notMemberHint) {
        String typed = Sanitizer.clean(name.display());
        return switch (e.reason()) {
            case ALREADY_EXISTS -> joined(node, name) ? "you are already in #" + typed
                    : "group #" + typed + " already exists; /join " + typed + " to join it";
            case UNKNOWN_GROUP -> "unknown group '" + typed + "' (see /groups)";
            case NOT_A_MEMBER -> "you are not in #" + typed + notMemberHint;
            case ALREADY_A_MEMBER -> "you are already in #" + typed;
            case LIMIT_REACHED -> Sanitizer.clean(CommandHandler.messageOf(e));
            case PASSWORD_REQUIRED -> "#" + typed + " is protected: join it with its password"
                    + " (/join " + typed + " <password>)";
            case WRONG_PASSWORD -> "wrong password for #" + typed;
            case NOT_PROTECTED -> "#" + typed + " is not protected: /join " + typed
                    + " without a password";
        };
    }
}
