package dev.ghostmesh.cli;

import dev.ghostmesh.MeshNode;
import dev.ghostmesh.NodeId;
import dev.ghostmesh.NodeInfo;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Finds the node a user means in {@code /msg <user>} and {@code /whois <user>}. Usernames are
 * labels, not identities, so they can collide, and look-alikes count as collisions (see
 * {@link Confusables}: {@code bob}, {@code Bob} and Cyrillic {@code bоb} are one name). The
 * rules go from most to least specific and stop at the first rule that matches anything:
 * <ol>
 *   <li>username, ignoring case and look-alike characters;</li>
 *   <li>{@code name#hexprefix}: such a username plus a prefix of its id;</li>
 *   <li>a prefix of the node id, at least {@value #MIN_HEX_PREFIX} hex digits;</li>
 *   <li>codename, case-insensitive.</li>
 * </ol>
 * A rule matching several nodes is ambiguous; the candidates are listed as {@code name#xxxxxxxx}.
 * There is deliberately no "exact spelling wins" rule: a look-alike of a name you type must
 * never be picked silently over (or instead of) the node you meant.
 *
 * <p>Threading: stateless apart from the thread-safe {@link Confusables}; callable from any
 * thread.
 */
final class UserResolver {
    /** Shortest id prefix accepted on its own, so short words are not taken for ids. */
    static final int MIN_HEX_PREFIX = 4;

    /** The outcome: exactly one of {@code match} or {@code error} is non-null. */
    record Result(NodeInfo match, String error) {}

    private UserResolver() {}

    /** Resolves {@code query} among {@code nodes} (the other nodes, never this one). */
    static Result resolve(String query, List<NodeInfo> nodes, Confusables names) {
        String q = query.strip();
        Result r = firstMatching(q, nodes, n -> names.collide(n.username(), q));
        int hash = q.lastIndexOf('#');
        if (r == null && hash > 0 && isHex(q.substring(hash + 1))) {
            String name = q.substring(0, hash);
            String prefix = q.substring(hash + 1);
            r = firstMatching(q, nodes,
                    n -> names.collide(n.username(), name) && n.id().hasHexPrefix(prefix));
        }
        if (r == null && q.length() >= MIN_HEX_PREFIX && isHex(q)) {
            r = firstMatching(q, nodes, n -> n.id().hasHexPrefix(q));
        }
        if (r == null) {
            r = firstMatching(q, nodes, n -> n.codename().equalsIgnoreCase(q));
        }
        if (r == null) {
            r = new Result(null, "unknown user '" + Sanitizer.clean(q)
                    + "' (see /nodes or /peers)");
        }
        return r;
    }

    /**
     * True if {@code query}, which names no other node, names {@code node} itself, by the same
     * rules (the chat's /msg and the JSON mode's msg both refuse to message yourself).
     */
    static boolean isSelf(String query, MeshNode node, Confusables names) {
        String q = query.strip();
        int hash = q.lastIndexOf('#');
        if (hash > 0 && isHex(q.substring(hash + 1))) {
            return names.collide(node.username(), q.substring(0, hash))
                    && node.id().hasHexPrefix(q.substring(hash + 1));
        }
        return names.collide(node.username(), q)
                || q.equalsIgnoreCase(node.identity().codename())
                || q.length() >= MIN_HEX_PREFIX && isHex(q) && node.id().hasHexPrefix(q);
    }

    /** {@code name#xxxxxxxx}, the unambiguous label of a node. */
    static String qualified(String username, NodeId id) {
        return Sanitizer.clean(username) + "#" + id.shortHex();
    }

    private static Result firstMatching(String q, List<NodeInfo> nodes, Predicate<NodeInfo> p) {
        List<NodeInfo> found = nodes.stream().filter(p).collect(Collectors.toList());
        if (found.isEmpty()) {
            return null;
        }
        if (found.size() == 1) {
            return new Result(found.get(0), null);
        }
        String candidates = found.stream().map(n -> qualified(n.username(), n.id()))
                .sorted().collect(Collectors.joining(", "));
        return new Result(null, "'" + Sanitizer.clean(q) + "' is ambiguous: " + candidates
                + " (use name#id)");
    }

    /** ASCII hex only: Character.digit would also accept full-width and other digits. */
    static boolean isHex(String s) {
        if (s.isEmpty() || s.length() > NodeId.LENGTH * 2) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean hex = c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
            if (!hex) {
                return false;
            }
        }
        return true;
    }
}
