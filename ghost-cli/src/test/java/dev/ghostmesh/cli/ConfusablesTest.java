package dev.ghostmesh.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ConfusablesTest {
    private final Confusables names = new Confusables();

    @ParameterizedTest(name = "{0} ~ {1}")
    @CsvSource({
        "bob, b\u043eb",              // Cyrillic o
        "paypal, p\u0430ypal",        // Cyrillic a
        "paypal, \u0440\u0430\u0443\u0440\u0430l", // Cyrillic r, a, u, r, a
        "alice, \u0430lice",
        "Bob, bob",                   // case
        "BOB, b\u043eb",              // case and script at once
        "bob, \uff42\uff4f\uff42",    // full-width
        "bob, b\u200bob",             // zero-width space inside
        "bob1, bobl",                 // digit one and small L
        "modern, rnodern",            // m and r+n
        "stra\u00dfe, STRASSE",       // sharp s folds to ss
        "scope, \u0455\u0441\u043e\u0440\u0435", // all Cyrillic
    })
    void lookAlikesCollide(String a, String b) {
        assertTrue(names.collide(a, b), () -> a + " vs " + b);
        assertTrue(names.collide(b, a), () -> b + " vs " + a);
        assertEquals(names.skeleton(a), names.skeleton(b));
    }

    @ParameterizedTest(name = "{0} / {1}")
    @CsvSource({
        "bob, rob",
        "alice, alicia",
        "bob, bobby",
        "charlie, charlle",
        "dev, deb",
    })
    void differentNamesDoNotCollide(String a, String b) {
        assertFalse(names.collide(a, b), () -> a + " vs " + b);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "\u001b[31m", "\ud800", "x\udfffy", "\u202eevil", "\udb40\udc01",
        "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"})
    void anyStringFromTheNetworkHasASkeleton(String name) {
        assertEquals(Confusables.compute(name), names.skeleton(name));
        assertTrue(names.collide(name, name));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, Confusables.CACHE_SIZE + 10})
    void cachedSkeletonsStayCorrectPastTheCacheSize(int count) {
        for (int i = 0; i < count; i++) {
            names.skeleton("user" + i);
        }
        assertTrue(names.collide("b\u043eb", "bob"));
        assertEquals("userl", names.skeleton("user1"));
    }
}
