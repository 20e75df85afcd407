package dev.ghostmesh.examples;

import dev.ghostmesh.GroupInfo;
import dev.ghostmesh.GroupName;
import dev.ghostmesh.MeshListener;
import dev.ghostmesh.MeshNode;
import dev.ghostmesh.Message;
import dev.ghostmesh.MessageKind;
import dev.ghostmesh.NodeId;
import dev.ghostmesh.NodeInfo;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One player of the {@link GameLoopExample}: its mesh node, its team, and what its chat window
 * shows. Events reach it as a {@link MeshListener} whose callbacks the node hands to the
 * {@link GameLoop}, so they run on the game thread like the rest of the game.
 *
 * <p>Threading: confined to the game thread. Each callback checks that it is on that thread
 * ({@link Match#onGameThread}); that check is what the example demonstrates.
 */
final class Player implements MeshListener {
    final String name;
    final GroupName team;
    final boolean captain;
    private final Match match;
    private MeshNode node;
    private final Set<NodeId> others = new HashSet<>();
    private final List<String> chat = new ArrayList<>();
    private Set<NodeId> teamMembers = Set.of();
    private boolean joining;
    private boolean joined;

    Player(String name, GroupName team, boolean captain, Match match) {
        this.name = name;
        this.team = team;
        this.captain = captain;
        this.match = match;
    }

    void attach(MeshNode node) {
        this.node = node;
    }

    MeshNode node() {
        return node;
    }

    /** The lines this player's chat window shows, in the order they appeared. */
    List<String> chat() {
        return List.copyOf(chat);
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
