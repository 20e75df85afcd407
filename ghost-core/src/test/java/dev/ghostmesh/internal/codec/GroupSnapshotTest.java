package dev.ghostmesh.internal.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ghostmesh.GroupName;
import dev.ghostmesh.Identity;
import dev.ghostmesh.NodeId;
import dev.ghostmesh.internal.codec.GroupSnapshot.SavedKey;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The saved-groups encoding: a round trip, and damaged input refused like network input. */
class GroupSnapshotTest {
    private static final GroupName OPS = GroupName.of("ops");
    private static final GroupName DEV = GroupName.of("Dev");

    private static GroupSnapshot sample() {
        byte[] key = new byte[32];
        Arrays.fill(key, (byte) 7);
        byte[] verifier = new byte[32];
        Arrays.fill(verifier, (byte) 9);
        NodeId other = Identity.generate().id();
        return new GroupSnapshot(List.of(DEV, OPS), List.of(new byte[] {1, 2, 3}),
                List.of(new SavedKey(OPS, key, verifier)), Map.of(other, Set.of(OPS)));
    }

    @Test
    void whatIsEncodedDecodesTheSame() throws Exception {
        GroupSnapshot s = sample();
        GroupSnapshot back = GroupSnapshot.decode(s.encode());
        assertEquals(s.own(), back.own());
        assertArrayEquals(s.creations().get(0), back.creations().get(0));
        assertEquals(OPS, back.keys().get(0).group());
        assertArrayEquals(s.keys().get(0).key(), back.keys().get(0).key());
        assertArrayEquals(s.keys().get(0).verifier(), back.keys().get(0).verifier());
        assertEquals(s.members(), back.members());
    }

    @Test
    void everyTruncationAndAnotherVersionAreRefused() {
        byte[] good = sample().encode();
        for (int n = 0; n < good.length; n++) {
            byte[] cut = Arrays.copyOf(good, n);
            assertThrows(PacketDecodeException.class, () -> GroupSnapshot.decode(cut),
                    "cut to " + n + " bytes");
        }
        byte[] version = good.clone();
        version[1] = 2; // [fixarray 5][fixint version]
        assertThrows(PacketDecodeException.class, () -> GroupSnapshot.decode(version));
        byte[] longer = Arrays.copyOf(good, good.length + 1);
        assertThrows(PacketDecodeException.class, () -> GroupSnapshot.decode(longer));
    }
}
