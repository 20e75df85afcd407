package dev.ghostmesh.internal.group;

import dev.ghostmesh.GroupName;
import dev.ghostmesh.internal.codec.ChatTopics;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The topics of the groups this node is in, to tell which group a message on a group topic is
 * for: a group topic is a hash of the name (PROTOCOL.md, "Topics"), so it is looked up, not
 * read. Only this node's own groups are kept, as many as it may join, since a message for any
 * other group is relayed without being shown; so the map is bounded by the node's own choices,
 * never by what peers send.
 *
 * <p>Threading: confined to the node thread.
 */
final class OwnGroupTopics {
    private final Map<String, GroupName> byTopic = new HashMap<>();

    /** This node's groups changed from {@code before} to {@code after}. */
    void update(Set<GroupName> before, Set<GroupName> after) {
        for (GroupName g : before) {
            if (!after.contains(g)) {
                byTopic.remove(ChatTopics.group(g));
            }
        }
        for (GroupName g : after) {
            if (!before.contains(g)) {
                byTopic.put(ChatTopics.group(g), g);
            }
        }
    }

    /** The group of this node's whose topic is {@code topic}, or null. */
    GroupName group(String topic) {
        return byTopic.get(topic);
    }
}
