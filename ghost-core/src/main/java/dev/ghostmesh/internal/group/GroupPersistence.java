package dev.ghostmesh.internal.group;

import dev.ghostmesh.GroupName;
import dev.ghostmesh.NodeId;
import dev.ghostmesh.SecurityProfile;
import dev.ghostmesh.internal.codec.GroupBodies.Membership;
import dev.ghostmesh.internal.codec.GroupBodies;
import dev.ghostmesh.internal.codec.GroupSnapshot;
import dev.ghostmesh.internal.codec.Packet;
import dev.ghostmesh.internal.codec.PacketCodec;
import dev.ghostmesh.internal.codec.PacketDecodeException;
import dev.ghostmesh.internal.codec.PacketType;
import dev.ghostmesh.internal.runtime.NodeContext;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a node's groups across restarts when it has a state directory: saves them through a
 * {@link GroupStore} after each change this node makes to its own membership (and on close), and
 * puts them back before the node's first announce, so that the announce already lists them and
 * peers see no leave and no join. Without a state directory every method does nothing.
 *
 * <p>What is saved: the node's groups, the signed creation packets of those groups (re-sent to
 * new links as originally signed, so the group outlives a restart of the whole mesh), the keys
 * of the protected ones, and the last known membership of their other members.
 *
 * <p>Threading: {@link #load()} runs on the thread starting the node; everything else on the
 * node thread. Saving blocks that thread on a small file write (a few kilobytes, forced to
 * disk), which happens only when the user creates, joins or leaves a group, and on close.
 */
public final class GroupPersistence {
    private static final Logger log = LoggerFactory.getLogger(GroupPersistence.class);

    private final NodeContext node;
    private final GroupState state;
    private final GroupKeyring keyring;
    private final GroupStore store;

    GroupPersistence(NodeContext node, GroupState state, GroupKeyring keyring) {
        this.node = node;
        this.state = state;
        this.keyring = keyring;
        this.store = node.config().stateDirectory() == null ? null
                : new GroupStore(node.config().stateDirectory(), node.identity());
    }

    /** The saved groups, or null if none (or no state directory). Blocks on file I/O. */
    public GroupSnapshot load() {
        return store == null ? null : store.load();
    }

    /**
     * Puts saved groups back; before the first announce, so it raises no events. A failure is
     * logged and the node goes on with what was restored: a saved file never stops a node.
     */
    public void restore(GroupSnapshot saved) {
        try {
            restoreChecked(saved);
        } catch (RuntimeException e) {
            log.error("cannot restore the saved groups: {}", e.toString());
        } finally {
            saved.keys().forEach(k -> Arrays.fill(k.key(), (byte) 0));
        }
    }

    private void restoreChecked(GroupSnapshot saved) {
        int limit = node.config().maxGroupsPerNode();
        Set<GroupName> own = new HashSet<>(saved.own());
        if (own.size() > limit) {
            log.error("group state lists {} groups, more than the {} a node may be in; ignored",
                    own.size(), limit);
            return;
        }
        state.restore(own, saved.members());
        int dropped = 0;
        for (byte[] frame : saved.creations()) {
            GroupState.Creation c = creation(frame);
            if (c == null || state.onCreation(c) == null) {
                dropped++;
            }
        }
        for (GroupSnapshot.SavedKey k : saved.keys()) {
            if (own.contains(k.group())) {
                keyring.restore(k.group(), k.key(), k.verifier());
            }
        }
        if (dropped > 0) {
            log.warn("{} saved group creations could not be restored", dropped);
        }
        log.info("restored {} groups ({} keys) from the state directory", own.size(),
                saved.keys().size());
    }

    /** Saves the node's groups now, if it has a state directory. */
    public void save() {
        if (store == null) {
            return;
        }
        Set<GroupName> own = state.groupsOf(node.identity().id());
        List<byte[]> creations = new ArrayList<>();
        for (GroupName g : own) {
            GroupState.Creation c = state.creation(g);
            if (c != null && c.packet() != null) {
                // A copy at the TTL it was received with: relays patch received frames in place.
                creations.add(c.packet().withTtl(c.packet().ttl()));
            }
        }
        List<GroupName> sorted = new ArrayList<>(own);
        sorted.sort(null);
        List<GroupSnapshot.SavedKey> keys = keyring.saved(own);
        try {
            store.save(new GroupSnapshot(sorted, creations, keys, state.membersOf(own)));
        } finally {
            keys.forEach(k -> Arrays.fill(k.key(), (byte) 0));
        }
    }

    /** A saved creation, checked like one from the network; null (logged) if it is not one. */
    private GroupState.Creation creation(byte[] frame) {
        try {
            Packet p = PacketCodec.decode(frame);
            boolean authentic = node.config().profile() == SecurityProfile.SECURE
                    ? p.verify(node.signatures()) : p.originMatchesKey();
            if (p.type() != PacketType.GROUP_CREATE || !authentic) {
                log.warn("skipping a saved group creation that is not a signed creation");
                return null;
            }
            Membership m = GroupBodies.decodeMembership(p);
            NodeId creator = p.origin();
            if (!m.member().equals(creator)) {
                log.warn("skipping a saved group creation that names another member");
                return null;
            }
            return new GroupState.Creation(m.group(), creator, p.timestamp(), p.id(), p,
                    m.protection());
        } catch (PacketDecodeException e) {
            log.warn("skipping a saved group creation: {}", e.getMessage());
            return null;
        }
    }
}
