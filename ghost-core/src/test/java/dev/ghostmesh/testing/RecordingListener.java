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
 * threading contract: callbacks must never run on a node or I/O thread.
 */
public final class RecordingListener implements MeshListener {
    public final List<Message> messages = new CopyOnWriteArrayList<>();
    public final List<Message> delivered = new CopyOnWriteArrayList<>();
    public final List<String> undelivered = new CopyOnWriteArrayList<>();
    public final List<PeerInfo> connected = new CopyOnWriteArrayList<>();
    public final List<PeerInfo> disconnected = new CopyOnWriteArrayList<>();
    /** "name: reason" per disconnection, in order. */
    public final List<String> disconnectReasons = new CopyOnWriteArrayList<>();
    public final List<NodeInfo> discovered = new CopyOnWriteArrayList<>();
    public final List<NodeInfo> left = new CopyOnWriteArrayList<>();
    public final List<String> leftReasons = new CopyOnWriteArrayList<>();
    public final List<GroupInfo> groupsCreated = new CopyOnWriteArrayList<>();
    /** "+name@group" for joins and "-name@group" for leaves, in order. */
    public final List<String> memberEvents = new CopyOnWriteArrayList<>();
    /** Callbacks that arrived on a thread they must never run on. */
    public final List<String> threadViolations = new CopyOnWriteArrayList<>();

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
