package dev.ghostmesh.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ghostmesh.GroupInfo;
import dev.ghostmesh.GroupName;
import dev.ghostmesh.Identity;
import dev.ghostmesh.NodeId;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CommandCompleterTest {
    private static final NodeId ME = Identity.generate().id();
    private final CommandCompleter completer = new CommandCompleter(
            () -> List.of("bob#1234abcd", "b\u043eb#9876fedc", "carol", "evil\u001b[2J", "a b",
                    "carol"),
            () -> List.of(group("Dev", true), group("ops", false), group("Qa", true)),
            () -> List.of("bob#1234abcd", "carol", "127.0.0.1:5556", "evil\u001b", "carol"));

    private static GroupInfo group(String name, boolean joined) {
        return new GroupInfo(GroupName.of(name), ME, Instant.EPOCH,
                joined ? Set.of(ME) : Set.of(), joined, false);
    }

    @Test
    void everyCommandIsOffered() {
        for (String c : List.of("/group", "/create", "/join", "/leave", "/groups", "/mygroups",
                "/nodes", "/whois", "/msg", "/connect", "/disconnect", "/peers", "/clear", "/help",
                "/quit", "/publish", "/subscribe", "/unsubscribe", "/send")) {
            assertTrue(CommandCompleter.COMMANDS.contains(c), c);
        }
    }

    @Test
    void helpCompletesCommandNames() {
        List<String> names = completer.candidates("/help");
        assertTrue(names.containsAll(List.of("msg", "clear", "help", "quit")), names::toString);
        assertEquals(CommandCompleter.COMMANDS.size(), names.size());
    }

    @Test
    void msgAndWhoisCompleteSafeNamesAsShown() {
        List<String> names = List.of("bob#1234abcd", "b\u043eb#9876fedc", "carol");
        assertEquals(names, completer.candidates("/msg"));
        assertEquals(names, completer.candidates("/whois"));
    }

    @Test
    void sendCompletesANameThenNothingForTheTopicThenNamesInTheText() {
        List<String> names = List.of("bob#1234abcd", "b\u043eb#9876fedc", "carol");
        assertEquals(names, completer.candidates("/send"));
        assertEquals(List.of(), completer.candidates(List.of("/send", "bob", "jo"), 2));
        assertEquals(names, completer.candidates(List.of("/send", "bob", "t", "hi", "ca"), 4));
        assertEquals(List.of(), completer.candidates("/subscribe"));
        assertEquals(names, completer.candidates(List.of("/publish", "t", "bo"), 2));
    }

    @Test
    void groupCommandsCompleteTheGroupsTheyCanWorkOn() {
        assertEquals(List.of("ops"), completer.candidates("/join"));
        assertEquals(List.of("Dev", "Qa"), completer.candidates("/leave"));
        assertEquals(List.of("Dev", "Qa"), completer.candidates("/group"));
        assertEquals(List.of(), completer.candidates("/create"));
        assertEquals(List.of(), completer.candidates("/peers"));
    }

    @Test
    void disconnectCompletesPeersAndAddressesStillConnecting() {
        assertEquals(List.of("bob#1234abcd", "carol", "127.0.0.1:5556"),
                completer.candidates("/disconnect"));
    }

    @Test
    void commandsAreRecognisedInAnyCase() {
        assertEquals(List.of("ops"), completer.candidates("/JOIN"));
        assertEquals(List.of("Dev", "Qa"), completer.candidates(List.of("/Group", "de"), 1));
    }

    @Test
    void aNameCompletesAnywhereInChatText() {
        List<String> names = List.of("bob#1234abcd", "b\u043eb#9876fedc", "carol");
        assertEquals(names, completer.candidates(List.of("hello", "bo"), 1));
        assertEquals(names, completer.candidates(List.of("bo"), 0));
        assertEquals(names, completer.candidates(List.of("well", "hi", "there", "ca"), 3));
        assertEquals(names, completer.candidates(List.of("/msg", "carol", "ask", "bo"), 3));
        assertEquals(names, completer.candidates(List.of("/group", "Dev", "bo"), 2));
        assertEquals(names, completer.candidates(List.of("/broadcast", "bo"), 1));
        assertEquals(names, completer.candidates(List.of("//me", "bo"), 1));
    }

    @Test
    void theFirstWordOfACommandLineIsACommandAndPasswordsGetNothing() {
        assertEquals(CommandCompleter.COMMANDS, completer.candidates(List.of("/jo"), 0));
        assertEquals(CommandCompleter.COMMANDS, completer.candidates(List.of(""), 0));
        assertEquals(List.of(), completer.candidates(List.of("/join", "ops", "pa"), 2));
        assertEquals(List.of(), completer.candidates(List.of("/create", "x", "pa"), 2));
    }
}
