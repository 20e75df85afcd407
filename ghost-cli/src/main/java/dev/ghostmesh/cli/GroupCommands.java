package dev.ghostmesh.cli;

import dev.ghostmesh.GroupException;
import dev.ghostmesh.GroupInfo;
import dev.ghostmesh.GroupName;
import dev.ghostmesh.MeshNode;
import dev.ghostmesh.Message;
import dev.ghostmesh.NodeId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.Collectors;

/**
 * The group commands: {@code /create}, {@code /join}, {@code /leave}, {@code /group},
 * {@code /groups} and {@code /mygroups}. Confirmations show the group as the mesh spells it
 * ({@code * joined #Dev}); errors repeat the name as the user typed it, so the suggested
 * command ({@code /join dev}) can be typed back as is. {@code /create} and {@code /join} take
 * an optional password, the rest of the line after the name; it is never printed or logged,
 * and on a terminal it is masked and kept out of the input history ({@link PasswordMask}).
 *
 * <p>Threading: called by the input thread only; each command waits (briefly) for the node
 * thread, so its confirmation or error is printed before the next command runs.
 */
final class GroupCommands {
    /** Member names listed per group by /mygroups before "... and N more". */
    static final int MAX_LISTED_MEMBERS = 20;
    /** Deriving a protected group's key takes a second or so; a loaded machine, longer. */
    private static final long PASSWORD_TIMEOUT_SECONDS = 60;

    private final MeshNode node;
    private final ChatView view;
    /** Where group lines wait while there is no peer, or null to send at once. */
    private final PendingSends pending;

    GroupCommands(MeshNode node, ChatView view, PendingSends pending) {
        this.node = node;
        this.view = view;
        this.pending = pending;
    }

    /** Whether we are in {@code name}: only then is a line held rather than refused. */
    private boolean joined(GroupName name) {
        return node.groups().stream().anyMatch(g -> g.name().equals(name) && g.joined());
    }

    void create(String rest) {
        NameAndPassword args = nameAndPassword(rest, "/create <name> [password]");
        if (args == null) {
            return;
        }
        try {
            GroupInfo g = args.password() == null ? run(node.createGroup(args.name()), args.name())
                    : slowRun(node.createGroup(args.name(), args.password()), args.name());
            if (g != null) {
                view.system("created group #" + view.groupName(g.name()) + protectedMark(g));
            }
        } finally {
            args.clear();
        }
    }

    void join(String rest) {
        NameAndPassword args = nameAndPassword(rest, "/join <name> [password]");
        if (args == null) {
            return;
        }
        try {
            GroupInfo g = args.password() == null ? run(node.joinGroup(args.name()), args.name())
                    : slowRun(node.joinGroup(args.name(), args.password()), args.name());
            if (g != null) {
                view.system("joined #" + view.groupName(g.name()) + protectedMark(g));
            }
        } finally {
            args.clear();
        }
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

    static String protectedMark(GroupInfo g) {
        return g.protectedGroup() ? " (protected)" : "";
    }

    void leave(String rest) {
        GroupName name = nameArgument(rest, "/leave <name>");
        if (name != null) {
            GroupInfo g = run(node.leaveGroup(name), name);
            if (g != null) {
                view.system("left #" + view.groupName(g.name()));
            }
        }
    }

    void send(String rest) {
        String[] parts = rest.split("\\s+", 2);
        if (parts.length < 2 || parts[0].isEmpty() || parts[1].isBlank()) {
            view.error("usage: /group <name> <message>");
            return;
        }
        GroupName name = parse(parts[0]);
        if (name != null) {
            String typed = typed(name);
            boolean isProtected = node.groups().stream()
                    .anyMatch(g -> g.name().equals(name) && g.protectedGroup());
            if (pending != null && joined(name) && pending.offer(name, parts[1])) {
                return;
            }
            Message sent = run(node.sendToGroup(name, parts[1]), name, " (/join " + typed
                    + (isProtected ? " <password>" : "") + " first)");
            if (sent != null) {
                view.group(sent.group().orElse(name), view.self(), sent.text());
            }
        }
    }

    /** {@code * #Dev  3 members  (joined)} for every group known in the mesh. */
    void groups() {
        List<GroupInfo> groups = node.groups();
        if (groups.isEmpty()) {
            view.system("no groups yet (/create <name> makes one)");
            return;
        }
        for (GroupInfo g : groups) {
            view.system(summary(g) + (g.joined() ? "  (joined)" : ""));
        }
    }

    /** {@code * #Dev  3 members: alice, bob, charlie} for the groups this node is in. */
    void myGroups() {
        List<GroupInfo> mine = node.groups().stream().filter(GroupInfo::joined)
                .collect(Collectors.toList());
        if (mine.isEmpty()) {
            view.system("you are in no groups (/join <name> or /create <name>)");
            return;
        }
        for (GroupInfo g : mine) {
            view.system(summary(g) + ": " + members(g));
        }
    }

    private String summary(GroupInfo g) {
        int n = g.memberCount();
        return "#" + Sanitizer.clean(g.name().display()) + protectedMark(g) + "  " + n
                + (n == 1 ? " member" : " members");
    }

    /** Member labels: us first, then the others by label. */
    private String members(GroupInfo g) {
        List<String> others = new ArrayList<>();
        for (NodeId id : g.members()) {
            if (!id.equals(node.id())) {
                others.add(view.label(id));
            }
        }
        others.sort(String.CASE_INSENSITIVE_ORDER.thenComparing(s -> s));
        List<String> all = new ArrayList<>();
        if (g.members().contains(node.id())) {
            all.add(view.self());
        }
        all.addAll(others);
        String listed = all.stream().limit(MAX_LISTED_MEMBERS).collect(Collectors.joining(", "));
        return all.size() > MAX_LISTED_MEMBERS
                ? listed + ", ... and " + (all.size() - MAX_LISTED_MEMBERS) + " more" : listed;
    }

    /** A group name and, if one was given, the password (the rest of the line). */
    private record NameAndPassword(GroupName name, char[] password) {
        void clear() {
            if (password != null) {
                Arrays.fill(password, '\0');
            }
        }
    }

    /** The name and optional password of /create or /join, or null after printing the error. */
    private NameAndPassword nameAndPassword(String rest, String usage) {
        String[] parts = rest.split("\\s+", 2);
        if (parts[0].isEmpty()) {
            view.error("usage: " + usage);
            return null;
        }
        GroupName name = parse(parts[0]);
        if (name == null) {
            return null;
        }
        return new NameAndPassword(name, parts.length < 2 || parts[1].isBlank() ? null
                : parts[1].strip().toCharArray());
    }

    /** The one group name of a command, or null after printing the error. */
    private GroupName nameArgument(String rest, String usage) {
        if (rest.isEmpty() || rest.split("\\s+").length != 1) {
            view.error("usage: " + usage);
            return null;
        }
        return parse(rest);
    }

    private GroupName parse(String text) {
        try {
            return GroupName.of(text);
        } catch (IllegalArgumentException e) {
            view.error(Sanitizer.clean(e.getMessage()));
            return null;
        }
    }

    private static String typed(GroupName name) {
        return Sanitizer.clean(name.display());
    }

    private <T> T run(CompletableFuture<T> operation, GroupName name) {
        return run(operation, name, "");
    }

    /**
     * Waits for a group operation; on a failure prints its error line and returns null.
     * {@code notMemberHint} follows "you are not in #x" (the way out differs per command).
     */
    private <T> T run(CompletableFuture<T> operation, GroupName name, String notMemberHint) {
        return run(operation, name, notMemberHint, CommandHandler.SEND_TIMEOUT_SECONDS);
    }

    /** {@link #run} for an operation that derives a key from a password. */
    private <T> T slowRun(CompletableFuture<T> operation, GroupName name) {
        return run(operation, name, "", PASSWORD_TIMEOUT_SECONDS);
    }

    private <T> T run(CompletableFuture<T> operation, GroupName name, String notMemberHint,
            long timeoutSeconds) {
        try {
            return CommandHandler.await(operation, timeoutSeconds);
        } catch (CompletionException e) {
            if (!(e.getCause() instanceof GroupException g)) {
                throw e;
            }
            view.error(describe(g, name, notMemberHint));
            return null;
        }
    }

    private String describe(GroupException e, GroupName name, String notMemberHint) {
        String typed = typed(name);
        return switch (e.reason()) {
            case ALREADY_EXISTS -> isMember(name) ? "you are already in #" + typed
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

    private boolean isMember(GroupName name) {
        return node.groups().stream().anyMatch(g -> g.joined() && g.name().equals(name));
    }
}
