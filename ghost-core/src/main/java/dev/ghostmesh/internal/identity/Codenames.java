package dev.ghostmesh.internal.identity;

import java.util.List;

/**
 * Deterministic adjective-noun codenames from node ids: 128 x 128 words, indexed by the id's
 * first two bytes, so the same id always gets the same name on every node and every version.
 * Appending words would rename every node: the lists are part of the protocol and never change.
 */
public final class Codenames {
    private static final String[] ADJECTIVES = (
            "amber brave bright calm clever cold cosmic crimson curious dark dawn deep distant"
            + " dusky eager early electric emerald fading fast fierce flying foggy frozen gentle"
            + " ghostly gilded golden grand gray hidden hollow humble icy idle iron jade jolly keen"
            + " kind lively lone lucky lunar mellow merry misty modest mossy muted mystic nimble"
            + " noble northern oaken odd olive patient pale polar proud quick quiet rapid red"
            + " restless rising roaming royal rustic sable salty scarlet secret serene shadow sharp"
            + " shy silent silver sleepy slow sly smoky snowy solar solid spare spry starry steady"
            + " stormy sturdy sunny swift tame tawny tidal tiny twilight urban velvet violet vivid"
            + " wandering warm wary wild windy winter wise witty wooden young zealous zen brisk"
            + " cobalt copper dapper dusty fuzzy hazy bold breezy candid cheery dreamy")
            .split(" ");
    private static final String[] NOUNS = (
            "anchor antelope arrow badger beacon bear beetle bison bobcat breeze brook buffalo"
            + " canyon cedar cheetah cliff cobra comet condor coral cougar coyote crane cricket crow"
            + " dingo dolphin dove dragon eagle echo ember falcon ferret finch fjord fox gazelle"
            + " gecko glacier grove gull harbor hare hawk heron horizon hornet ibis jackal jaguar"
            + " kestrel koala lantern lark lemur leopard lion lynx magpie mantis marten meadow"
            + " meteor mink mole moose moth narwhal nebula newt ocelot orca osprey otter owl panda"
            + " panther parrot pelican pine plover puma quail raven reef river robin salmon sparrow"
            + " spruce squid stag star stork summit swan swift thistle thunder tiger toad trout"
            + " tundra turtle viper vole walrus wasp weasel whale willow wolf wombat wren yak zebra"
            + " beaver bramble cinder delta ermine geyser heath iris juniper albatross bluebird")
            .split(" ");

    static {
        if (ADJECTIVES.length != 128 || NOUNS.length != 128) {
            throw new AssertionError("codename lists must hold 128 words each: "
                    + ADJECTIVES.length + "/" + NOUNS.length);
        }
    }

    private Codenames() {}

    /** The adjectives, in index order (PROTOCOL.md publishes them; a test compares). */
    static List<String> adjectives() {
        return List.of(ADJECTIVES);
    }

    /** The nouns, in index order. */
    static List<String> nouns() {
        return List.of(NOUNS);
    }

    /** The codename for a node id's bytes (at least 2 bytes are read). */
    public static String of(byte[] nodeId) {
        return ADJECTIVES[nodeId[0] & 0x7F] + "-" + NOUNS[nodeId[1] & 0x7F];
    }
}
