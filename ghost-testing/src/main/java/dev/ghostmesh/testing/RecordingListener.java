package dev.ghostmesh.testing;

import dev.ghostmesh.GroupInfo;
import dev.ghostmesh.Message;
import dev.ghostmesh.MeshListener;
import dev.ghostmesh.NodeId;
import dev.ghostmesh.NodeInfo;
import dev.ghostmesh.PeerInfo;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

/**
 * Records every event a node delivers, for assertions on the test thread. Also checks the
 * threading contract: callbacks must never run on a node's loop thread ({@code ghost-loop-*})
 * or a TCP transport's ({@code ghost-tcp*}).
 *
 * <p>Threading: the node calls it on its callback thread; the lists are safe to read from any
 * thread at any time (copy-on-write).
 */
public final class RecordingListener implements MeshListener {
    /** Broadcasts, group and private messages shown to this node, in order. */
    public final List<Message> messages = new CopyOnWriteArrayList<>();
    /** Private messages this node sent that the target confirmed. */
    public final List<Message> delivered = new CopyOnWriteArrayList<>();
    /** "text: reason" per private message this node sent that was given up on. */
    public final List<String> undelivered = new CopyOnWriteArrayList<>();
    /** Peers whose links came up, in order. */
    public final List<PeerInfo> connected = new CopyOnWriteArrayList<>();
    /** Peers whose links went down, in order. */
    public final List<PeerInfo> disconnected = new CopyOnWriteArrayList<>();
    /** "name: reason" per disconnection, in order. */
    public final List<String> disconnectReasons = new CopyOnWriteArrayList<>();
    /** Nodes this node learned of, in order. */
    public final List<NodeInfo> discovered = new CopyOnWriteArrayList<>();
    /** Nodes this node forgot (goodbye or timeout), in order. */
    public final List<NodeInfo> left = new CopyOnWriteArrayList<>();
    /** The reason of each entry of {@link #left}. */
    public final List<String> leftReasons = new CopyOnWriteArrayList<>();
    /** Groups this node created, in order. */
    public final List<GroupInfo> groupsCreated = new CopyOnWriteArrayList<>();
    /** "+name@group" for joins and "-name@group" for leaves, in order. */
    public final List<String> memberEvents = new CopyOnWriteArrayList<>();
    /** Callbacks that arrived on a thread they must never run on. */
    public final List<String> threadViolations = new CopyOnWriteArrayList<>();

    /** A listener with nothing recorded yet. */
    public RecordingListener() {}

    @Override
    public void onMessage(Message message) {
        checkThread("onMessage");
        messages.add(message);
    }

    @Override
    public void onPrivateDelivered(Message message) {
        checkThread("onPrivateDelivered");
        delivered.add(message);
    }

    @Override
    public void onPrivateUndelivered(Message message, String reason) {
        checkThread("onPrivateUndelivered");
        undelivered.add(message.text() + ": " + reason);
    }

    @Override
    public void onPeerConnected(PeerInfo peer) {
        checkThread("onPeerConnected");
        connected.add(peer);
    }

    @Override
    public void onPeerDisconnected(PeerInfo peer, String reason) {
        checkThread("onPeerDisconnected");
        disconnected.add(peer);
        disconnectReasons.add(peer.username() + ": " + reason);
    }

    @Override
    public void onNodeDiscovered(NodeInfo node) {
        checkThread("onNodeDiscovered");
        discovered.add(node);
    }

    @Override
    public void onNodeLeft(NodeInfo node, String reason) {
        checkThread("onNodeLeft");
        left.add(node);
        leftReasons.add(reason);
    }

    @Override
    public void onGroupCreated(GroupInfo group) {
        checkThread("onGroupCreated");
        groupsCreated.add(group);
    }

    @Override
    public void onMemberJoined(GroupInfo group, NodeId member, String memberName) {
        checkThread("onMemberJoined");
        memberEvents.add("+" + memberName + "@" + group.name().key());
    }

    @Override
    public void onMemberLeft(GroupInfo group, NodeId member, String memberName) {
        checkThread("onMemberLeft");
        memberEvents.add("-" + memberName + "@" + group.name().key());
    }

    /** Messages whose text equals {@code text}. */
    public long count(String text) {
        return messages.stream().filter(m -> m.text().equals(text)).count();
    }

    /** The texts received so far, for failure messages. */
    public String texts() {
        return messages.stream().map(m -> m.senderName() + ":" + m.text())
                .collect(Collectors.joining(", ", "[", "]"));
    }

    private void checkThread(String callback) {
        String name = Thread.currentThread().getName();
        if (name.startsWith("ghost-loop-") || name.startsWith("ghost-tcp")) {
            threadViolations.add(callback + " on " + name);
        }
    }
}
