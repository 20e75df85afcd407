package dev.ghostmesh.examples;

import dev.ghostmesh.Delivery;
import dev.ghostmesh.GroupInfo;
import dev.ghostmesh.GroupName;
import dev.ghostmesh.MeshListener;
import dev.ghostmesh.MeshNode;
import dev.ghostmesh.Message;
import dev.ghostmesh.MessageKind;
import dev.ghostmesh.NodeId;
import dev.ghostmesh.NodeInfo;
import dev.ghostmesh.PublishOptions;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * One player of the {@link GameLoopExample}: its mesh node, its team, what its chat window
 * shows, and where it last saw the other players. Chat reaches it as a {@link MeshListener},
 * positions through a subscription to {@link PositionUpdate#TOPIC}; the node hands both to the
 * {@link GameLoop}, so they run on the game thread like the rest of the game.
 *
 * <p>Threading: confined to the game thread. Each callback checks that it is on that thread
 * ({@link Match#onGameThread}); that check is what the example demonstrates.
 */
final class Player implements MeshListener {
    /**
     * One position update as this player received it.
     *
     * @param update what the sender sent, decoded
     * @param receivedAt the tick of play it reached this player's game
     */
    record Heard(PositionUpdate update, long receivedAt) {}

    final String name;
    /** The player's place in the match (0, 1, ...): it picks the bot's path. */
    final int number;
    final GroupName team;
    final boolean captain;
    private final Match match;
    private MeshNode node;
    private final Set<NodeId> others = new HashSet<>();
    private final List<String> chat = new ArrayList<>();
    private final Map<String, List<Heard>> positions = new LinkedHashMap<>();
    private Set<NodeId> teamMembers = Set.of();
    private boolean joining;
    private boolean joined;

    Player(String name, int number, GroupName team, boolean captain, Match match) {
        this.name = name;
        this.number = number;
        this.team = team;
        this.captain = captain;
        this.match = match;
    }

    void attach(MeshNode node) {
        this.node = node;
        // Before start(): the node's first announce already lists the topic. Closing the
        // node ends the subscription.
        node.subscribe(PositionUpdate.TOPIC, this::onPosition);
    }

    MeshNode node() {
        return node;
    }

    /** The lines this player's chat window shows, in the order they appeared. */
    List<String> chat() {
        return List.copyOf(chat);
    }

    /** What this player heard of each other's position, by name (sorted), in arrival order. */
    Map<String, List<Heard>> positions() {
        Map<String, List<Heard>> copy = new TreeMap<>();
        positions.forEach((sender, heard) -> copy.put(sender, List.copyOf(heard)));
        return copy;
    }

    /** True once this player is in its team and knows every other player and teammate. */
    boolean ready(int players, long teamSize) {
        return joined && others.size() == players - 1 && teamMembers.size() == teamSize;
    }

    /** A captain founds the team's group; the others join it once they hear of it. */
    void formTeam() {
        if (captain) {
            joining = true;
            match.onTick(node.createGroup(team), (group, error) -> joinedTeam(error));
        }
    }

    /** Says {@code text} in the lobby (everyone) or, with {@code toTeam}, to the team only. */
    void say(String text, boolean toTeam) {
        String channel = toTeam ? team.display() : "lobby";
        match.onTick(toTeam ? node.sendToGroup(team, text) : node.broadcast(text),
                (sent, error) -> {
                    if (error != null) {
                        match.failed(name + " could not say '" + text + "': " + error);
                    } else {
                        show("[" + channel + "] <" + name + "> " + text);
                    }
                });
    }

    /**
     * Tells everyone where this bot is at {@code playTick}. Only the newest position matters:
     * keyed by the player, an update still queued (here or at a receiver) when the next one
     * comes is replaced by it, and one older than {@link PositionUpdate#LIFETIME} is dropped.
     */
    void move(int playTick) {
        PositionUpdate now = PositionUpdate.of(number, playTick);
        match.onTick(node.publish(PositionUpdate.TOPIC, now.encode(), PublishOptions.defaults()
                .latestKey(name).expiresAfter(PositionUpdate.LIFETIME)), (id, error) -> {
                    if (error != null) {
                        match.failed(name + " could not send its position: " + error);
                    }
                });
    }

    @Override
    public void onMessage(Message message) {
        match.onGameThread();
        String channel = message.kind() == MessageKind.GROUP
                ? message.group().orElseThrow().display() : "lobby";
        if (message.kind() != MessageKind.PRIVATE) {
            show("[" + channel + "] <" + message.senderName() + "> " + message.text());
        }
    }

    @Override
    public void onNodeDiscovered(NodeInfo other) {
        match.onGameThread();
        others.add(other.id());
    }

    @Override
    public void onNodeLeft(NodeInfo other, String reason) {
        match.onGameThread();
        others.remove(other.id());
    }

    @Override
    public void onGroupCreated(GroupInfo group) {
        match.onGameThread();
        if (group.name().equals(team) && !joining) {
            joining = true;
            match.onTick(node.joinGroup(team), (info, error) -> joinedTeam(error));
        }
    }

    @Override
    public void onMemberJoined(GroupInfo group, NodeId member, String memberName) {
        match.onGameThread();
        if (group.name().equals(team)) {
            teamMembers = group.members();
        }
    }

    @Override
    public void onMemberLeft(GroupInfo group, NodeId member, String memberName) {
        match.onGameThread();
        if (group.name().equals(team)) {
            teamMembers = group.members();
        }
    }

    private void onPosition(Delivery delivery) {
        match.onGameThread();
        PositionUpdate update;
        try {
            update = PositionUpdate.decode(delivery.payload());
        } catch (IllegalArgumentException e) {
            // Bytes from the network: a bad update is the sender's problem, not a crash here.
            match.failed(name + " got a bad position from " + delivery.senderName() + ": "
                    + e.getMessage());
            return;
        }
        positions.computeIfAbsent(delivery.senderName(), k -> new ArrayList<>())
                .add(new Heard(update, match.playTick()));
    }

    /** Adds a line to the chat window, stamped with the tick of play it appeared at. */
    private void show(String line) {
        chat.add("tick " + match.playTick() + ": " + line);
    }

    private void joinedTeam(Throwable error) {
        if (error != null) {
            match.failed(name + " could not join #" + team + ": " + error);
        } else {
            joined = true;
        }
    }
}
