package dev.ghostmesh.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ghostmesh.GroupInfo;
import dev.ghostmesh.GroupName;
import dev.ghostmesh.Identity;
import dev.ghostmesh.MeshNode;
import dev.ghostmesh.Message;
import dev.ghostmesh.MessageId;
import dev.ghostmesh.MessageKind;
import dev.ghostmesh.NodeId;
import dev.ghostmesh.NodeInfo;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Event lines for events fed by hand to a node that never starts. */
class EventPrinterTest {
    private final List<String> lines = new ArrayList<>();
    private final MeshNode node = MeshNode.builder().username("alice").build();
    private final EventPrinter printer = new EventPrinter(node, new ChatView(node, new ListConsole(lines)));
    private final NodeId bob = Identity.generate().id();

    private NodeInfo bobInfo() {
        return new NodeInfo(bob, "bob", bob.codename(), 6666, List.of(), Set.of(), 2,
                Optional.empty(), Instant.EPOCH, Set.of());
    }

    private GroupInfo dev(NodeId creator, boolean joined, NodeId... members) {
        return new GroupInfo(GroupName.of("Dev"), creator, Instant.EPOCH, Set.of(members),
                joined, false);
    }

    @Test
    void aMessageCaughtUpAfterASplitIsMarkedLateWithTheTimeItWasSent() {
        Instant sent = Instant.parse("2026-12-01T09:05:00Z");
        Message live = new Message(MessageId.random(), MessageKind.BROADCAST, bob, "bob",
                Optional.empty(), Optional.empty(), "now", sent, 1);
        printer.onMessage(live);
        printer.onMessage(new Message(MessageId.random(), MessageKind.BROADCAST, bob, "bob",
                Optional.empty(), Optional.empty(), "then", sent, 3).asLate());
        String at = java.time.format.DateTimeFormatter.ofPattern("HH:mm")
                .format(sent.atZone(java.time.ZoneId.systemDefault()));
        assertEquals(List.of("<bob> now", "[late " + at + "] <bob> then"), lines);
    }

    @Test
    void nodeLeavingSaysWhy() {
        printer.onNodeLeft(bobInfo(), "not heard from for 90 s");
        printer.onNodeLeft(bobInfo(), "said goodbye\u001b[2J");
        assertEquals(List.of("* bob left the mesh (not heard from for 90 s)",
                "* bob left the mesh (said goodbye\\u001b[2J)"), lines);
    }

    @Test
    void groupsCreatedByOthersAreAnnouncedOursAreNot() {
        printer.onGroupCreated(dev(node.id(), true, node.id()));
        printer.onGroupCreated(dev(bob, false, bob));
        assertEquals(List.of(bob.codename() + "#" + bob.shortHex()).stream()
                .map(l -> "* " + l + " created #Dev").toList(), lines);
    }

    @Test
    void membersComeAndGoOnlyInOurGroupsAndNeverForOurselves() {
        printer.onMemberJoined(dev(bob, false, bob), bob, "bob");
        printer.onMemberJoined(dev(bob, true, bob, node.id()), node.id(), "alice");
        printer.onMemberJoined(dev(bob, true, bob, node.id()), bob, "bob");
        printer.onMemberLeft(dev(bob, true, node.id()), bob, "bob");
        printer.onMemberLeft(dev(bob, false), node.id(), "alice");
        assertEquals(List.of("* bob joined #Dev", "* bob left #Dev"), lines);
    }

    @Test
    void memberReportedByCodenameAfterLeavingTheMeshKeepsItsName() {
        printer.onNodeDiscovered(bobInfo());
        lines.clear();
        printer.onMemberLeft(dev(bob, true, node.id()), bob, bob.codename());
        assertEquals(List.of("* bob left #Dev"), lines);
    }
}
