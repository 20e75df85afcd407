package dev.ghostmesh.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ghostmesh.NodeId;
import dev.ghostmesh.NodeInfo;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class UserResolverTest {
    private static final Confusables NAMES = new Confusables();
    private static final NodeInfo BOB = node("aaaa1111", "bob");
    private static final NodeInfo BOB2 = node("aaaa2222", "Bob");
    private static final NodeInfo BOB3 = node("bbbb3333", "bob");
    private static final NodeInfo CAROL = node("cccc4444", "carol");

    private static NodeInfo node(String hexPrefix, String name) {
        NodeId id = NodeId.parse(hexPrefix + "0".repeat(32 - hexPrefix.length()));
        return new NodeInfo(id, name, id.codename(), 6666, List.of(), Set.of(), 1,
                Optional.empty(), Instant.EPOCH, Set.of());
    }

    private static NodeInfo resolved(String query, NodeInfo... nodes) {
        UserResolver.Result r = UserResolver.resolve(query, List.of(nodes), NAMES);
        assertNull(r.error(), () -> "unexpected error: " + r.error());
        return r.match();
    }

    private static String error(String query, NodeInfo... nodes) {
        UserResolver.Result r = UserResolver.resolve(query, List.of(nodes), NAMES);
        assertNull(r.match());
        return r.error();
    }

    @Test
    void exactSpellingDoesNotWinOverACaseVariant() {
        assertTrue(error("Bob", BOB, BOB2).contains("ambiguous"));
        assertTrue(error("bob", BOB, BOB2).contains("ambiguous"));
    }

    @Test
    void caseInsensitiveNameMatchesWhenNoExactOne() {
        assertEquals(CAROL, resolved("CAROL", BOB, CAROL));
    }

    @Test
    void sameNameTwiceIsAmbiguousAndListsQualifiedCandidates() {
        String e = error("bob", BOB, BOB3, CAROL);
        assertTrue(e.contains("ambiguous"), e);
        assertTrue(e.contains("bob#aaaa1111") && e.contains("bob#bbbb3333"), e);
    }

    @Test
    void caseInsensitiveCollisionIsAmbiguous() {
        String e = error("BOB", BOB, BOB2);
        assertTrue(e.contains("bob#aaaa1111") && e.contains("Bob#aaaa2222"), e);
    }

    @Test
    void nameWithIdPrefixPicksOneOfTheSameNames() {
        assertEquals(BOB3, resolved("bob#bbbb", BOB, BOB3));
        assertEquals(BOB3, resolved("bob#b", BOB, BOB3));
        assertEquals(BOB, resolved("BOB#AAAA1", BOB, BOB3));
    }

    @Test
    void nameWithWrongIdPrefixIsUnknown() {
        assertTrue(error("bob#cccc", BOB, BOB3, CAROL).startsWith("unknown user 'bob#cccc'"));
    }

    @Test
    void hexIdPrefixOfFourOrMoreDigitsMatches() {
        assertEquals(CAROL, resolved("cccc", BOB, CAROL));
        assertEquals(BOB3, resolved("BBBB33", BOB, BOB3));
    }

    @Test
    void hexIdPrefixShorterThanFourDigitsIsNotAnId() {
        assertTrue(error("ccc", BOB, CAROL).startsWith("unknown user"));
    }

    @Test
    void sharedIdPrefixIsAmbiguous() {
        assertTrue(error("aaaa", BOB, BOB2).contains("ambiguous"));
    }

    @Test
    void codenameMatchesCaseInsensitively() {
        assertEquals(CAROL, resolved(CAROL.codename().toUpperCase(), BOB, CAROL));
    }

    @Test
    void unknownUserSaysSoAndWhereToLook() {
        assertEquals("unknown user 'dave' (see /nodes or /peers)", error("dave", BOB, CAROL));
    }

    @Test
    void unknownUserWithControlCharactersIsSanitizedInTheError() {
        assertEquals("unknown user 'x\\u001by' (see /nodes or /peers)", error("x\u001by", BOB));
    }

    @Test
    void noKnownNodesMeansUnknown() {
        assertTrue(error("bob").startsWith("unknown user"));
    }

    @Test
    void lookAlikeNamesAreAmbiguousAndListBothCandidates() {
        NodeInfo cyrillic = node("dddd5555", "b\u043eb");
        String e = error("bob", BOB, cyrillic);
        assertEquals("'bob' is ambiguous: bob#aaaa1111, b\u043eb#dddd5555 (use name#id)", e);
        assertEquals(e, error("b\u043eb", BOB, cyrillic).replace("b\u043eb'", "bob'"));
    }

    @Test
    void nameWithIdPrefixPicksALookAlike() {
        NodeInfo cyrillic = node("dddd5555", "b\u043eb");
        assertEquals(cyrillic, resolved("bob#dddd", BOB, cyrillic));
        assertEquals(BOB, resolved("b\u043eb#aaaa", BOB, cyrillic));
        assertEquals(cyrillic, resolved("dddd55", BOB, cyrillic));
    }

    @Test
    void aLoneLookAlikeIsFoundByTheNameItPassesFor() {
        NodeInfo paypal = node("eeee6666", "p\u0430ypal");
        assertEquals(paypal, resolved("paypal", BOB, paypal));
    }
}
