package dev.ghostmesh.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ghostmesh.GroupInfo;
import dev.ghostmesh.GroupName;
import dev.ghostmesh.MeshNode;
import dev.ghostmesh.fixtures.ByteSearch;
import dev.ghostmesh.internal.crypto.GroupKeys;
import dev.ghostmesh.internal.crypto.GroupKeys.KdfParams;
import dev.ghostmesh.testing.Await;
import dev.ghostmesh.testing.LocalMeshTransports;
import dev.ghostmesh.testing.MeshTestBase;
import dev.ghostmesh.testing.MeshTransports;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node with a state directory keeps its groups across restarts: the groups it created or
 * joined, password-protected ones with their keys, in a sealed owner-only file; peers see no
 * leave and no join when it restarts (an explicit leave still is one); a mesh that restarted
 * entirely still knows its groups; a damaged or foreign file is ignored and the node starts.
 */
class GroupPersistenceTest extends MeshTestBase {
    private static final GroupName OPS = GroupName.of("ops");
    private static final GroupName DEV = GroupName.of("Dev");
    private static final String PASSWORD = "correct-horse-battery";
    private static final KdfParams CHEAP = new KdfParams(64, 1, 1);
    private static final String FILE = "groups.state";

    @TempDir
    Path tmp;

    @Override
    protected MeshTransports transports() {
        return new LocalMeshTransports();
    }

    private static UnaryOperator<MeshNode.Builder> keeping(Path dir) {
        return b -> b.stateDirectory(dir).groupKdf(CHEAP.memoryKiB(), CHEAP.iterations(),
                CHEAP.parallelism());
    }

    private static <T> T get(CompletableFuture<T> f) throws Exception {
        return f.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    }

    private static GroupInfo group(TestNode n, GroupName name) {
        return n.node().groups().stream().filter(g -> g.name().equals(name)).findFirst()
                .orElse(null);
    }

    private static void awaitMembers(GroupName name, int count, TestNode... nodes) {
        for (TestNode n : nodes) {
            Await.until(WAIT, () -> group(n, name) != null
                    && group(n, name).memberCount() == count,
                    () -> n.name() + " to see " + count + " members of #" + name + ": "
                            + group(n, name));
        }
    }

    private static void awaitForgotten(TestNode by, TestNode gone) {
        Await.until(WAIT, () -> by.node().nodes().stream()
                .noneMatch(i -> i.id().equals(gone.node().id())),
                () -> by.name() + " to see " + gone.name() + " leave the mesh");
    }

    private void exchange(TestNode a, TestNode b, GroupName g, String tag) throws Exception {
        get(a.node().sendToGroup(g, tag + " from " + a.name()));
        Await.until(WAIT, () -> b.count(tag + " from " + a.name()) == 1,
                () -> b.name() + " to read " + a.name() + " in #" + g);
        get(b.node().sendToGroup(g, tag + " from " + b.name()));
        Await.until(WAIT, () -> a.count(tag + " from " + b.name()) == 1,
                () -> a.name() + " to read " + b.name() + " in #" + g);
    }

    @Test
    void creatorAndProtectedMemberRestartInTheirGroupsAndPeersSeeNoLeaveOrJoin()
            throws Exception {
        Path aliceDir = tmp.resolve("alice");
        Path bobDir = tmp.resolve("bob");
        TestNode a = start("alice", keeping(aliceDir));
        TestNode b = start("bob", keeping(bobDir));
        TestNode c = start("carol");
        link(b, a);
        link(c, b);
        awaitFullDirectory(a, b, c);
        get(a.node().createGroup(OPS, PASSWORD.toCharArray()));
        get(a.node().createGroup(DEV));
        Await.until(WAIT, () -> group(b, OPS) != null && group(c, DEV) != null,
                "bob and carol to hear of the groups");
        get(b.node().joinGroup(OPS, PASSWORD.toCharArray()));
        get(c.node().joinGroup(DEV));
        awaitMembers(OPS, 2, a, b, c);
        awaitMembers(DEV, 2, a, b, c);
        exchange(a, b, OPS, "before");
        List<String> carolSawBefore = List.copyOf(c.events().memberEvents);
        List<String> bobSawBefore = List.copyOf(b.events().memberEvents);

        a.node().close();
        awaitForgotten(c, a);
        TestNode a2 = restart(a, keeping(aliceDir));
        link(b, a2);
        awaitFullDirectory(a2, b, c);
        assertTrue(group(a2, OPS).joined() && group(a2, OPS).protectedGroup(),
                "the creator is back in its protected group: " + group(a2, OPS));
        assertTrue(group(a2, DEV).joined(), "and in its open group");
        awaitMembers(OPS, 2, a2, b, c);
        awaitMembers(DEV, 2, a2, b, c);
        exchange(a2, b, OPS, "after alice's restart");

        b.node().close();
        awaitForgotten(c, b);
        TestNode b2 = restart(b, keeping(bobDir));
        link(b2, a2);
        link(c, b2);
        awaitFullDirectory(a2, b2, c);
        assertTrue(group(b2, OPS).joined(), "the member is back in the protected group");
        awaitMembers(OPS, 2, a2, b2, c);
        exchange(b2, a2, OPS, "after bob's restart");
        exchange(a2, c, DEV, "open");
        settle(a2, b2, c);

        assertEquals(carolSawBefore, c.events().memberEvents,
                "carol saw no leave and no join while alice and bob restarted");
        assertEquals(bobSawBefore, b.events().memberEvents, "nor did bob while alice did");
        assertEquals(List.of(), a2.events().memberEvents,
                "restarted alice reports no joins for members she knew");
        assertEquals(List.of(), b2.events().memberEvents.stream()
                .filter(e -> e.endsWith("@ops")).toList(), "nor restarted bob, in his group");

        get(b2.node().leaveGroup(OPS));
        Await.until(WAIT, () -> c.events().memberEvents.contains("-bob@ops"),
                "an explicit leave is still seen as one");
        awaitMembers(OPS, 1, a2, b2, c);
    }

    @Test
    void theFileIsOwnerOnlyAndHoldsNeitherKeyNorNamesInPlaintext() throws Exception {
        Path dir = tmp.resolve("alice");
        TestNode a = start("alice", keeping(dir));
        get(a.node().createGroup(OPS, PASSWORD.toCharArray()));
        Path file = dir.resolve(FILE);
        assertTrue(Files.exists(file), "saved when the group is created");
        assertEquals("rw-------",
                PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        byte[] bytes = Files.readAllBytes(file);
        byte[] key = GroupKeys.deriveKey(PASSWORD, "ops", CHEAP);
        assertFalse(ByteSearch.contains(bytes, key), "the group key is sealed");
        assertFalse(ByteSearch.contains(bytes, "ops".getBytes(StandardCharsets.UTF_8)));
        assertFalse(ByteSearch.contains(bytes, PASSWORD.getBytes(StandardCharsets.UTF_8)));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList(), "no temporary file is left behind");
        }
    }

    @Test
    void aMeshThatRestartedEntirelyStillKnowsItsProtectedGroup() throws Exception {
        Path aliceDir = tmp.resolve("alice");
        Path bobDir = tmp.resolve("bob");
        TestNode a = start("alice", keeping(aliceDir));
        TestNode b = start("bob", keeping(bobDir));
        link(b, a);
        get(a.node().createGroup(OPS, PASSWORD.toCharArray()));
        Await.until(WAIT, () -> group(b, OPS) != null, "bob to hear of #ops");
        get(b.node().joinGroup(OPS, PASSWORD.toCharArray()));
        awaitMembers(OPS, 2, a, b);
        a.node().close();
        b.node().close();

        TestNode a2 = restart(a, keeping(aliceDir));
        TestNode b2 = restart(b, keeping(bobDir));
        TestNode d = start("dave");
        link(b2, a2);
        link(d, b2);
        awaitMembers(OPS, 2, a2, b2, d);
        assertEquals(a.node().id(), group(d, OPS).creator(),
                "a newcomer learns the original creation from the restarted members");
        assertTrue(group(d, OPS).protectedGroup());
        exchange(a2, b2, OPS, "after the whole mesh restarted");
        get(d.node().joinGroup(OPS, PASSWORD.toCharArray()));
        awaitMembers(OPS, 3, a2, b2, d);
        exchange(d, a2, OPS, "the verifier survived");
    }

    @Test
    void aDamagedOrForeignFileIsIgnoredAndTheNodeStarts() throws Exception {
        Path aliceDir = tmp.resolve("alice");
        TestNode a = start("alice", keeping(aliceDir));
        get(a.node().createGroup(OPS, PASSWORD.toCharArray()));
        Path file = aliceDir.resolve(FILE);
        Path foreign = tmp.resolve("dave");
        Files.createDirectories(foreign);
        Files.copy(file, foreign.resolve(FILE));
        TestNode d = start("dave", keeping(foreign));
        assertEquals(List.of(), d.node().groups(), "another identity cannot open the file");
        a.node().close();

        byte[] damaged = Files.readAllBytes(file);
        damaged[damaged.length - 3] ^= 1;
        Files.write(file, damaged);
        TestNode a2 = restart(a, keeping(aliceDir));
        assertEquals(List.of(), a2.node().groups(), "a damaged file gives no groups");
        a2.node().close();

        Files.write(file, new byte[] {1, 2, 3});
        TestNode a3 = restart(a2, keeping(aliceDir));
        assertEquals(List.of(), a3.node().groups(), "nor does a file of garbage");
        get(a3.node().createGroup(DEV));
        a3.node().close();
        TestNode a4 = restart(a3, keeping(aliceDir));
        assertTrue(group(a4, DEV).joined(), "the next save replaced the bad file");
    }
}
