package dev.ghostmesh.internal.codec;

/**
 * Packet type codes. 0-63 are flooded packets (an unknown one is relayed unchanged and never
 * shown, so newer versions can add types); 64-127 are link-local control frames that are never
 * forwarded (an unknown one is ignored). See PROTOCOL.md.
 */
public final class PacketType {
    /** Presence: username, codename, listen port. */
    public static final int ANNOUNCE = 1;
    /**
     * Chat text for every node, as older nodes send it: still received and shown, no longer
     * sent (broadcasts are TOPIC messages on {@code ghost/chat} now).
     */
    public static final int BROADCAST = 2;
    /** Chat text for one node. */
    public static final int PRIVATE = 3;
    /** The origin is leaving the mesh. */
    public static final int GOODBYE = 4;
    /** Reserved: a group was created. */
    public static final int GROUP_CREATE = 5;
    /** Reserved: the origin joined a group. */
    public static final int GROUP_JOIN = 6;
    /** Reserved: the origin left a group. */
    public static final int GROUP_LEAVE = 7;
    /**
     * Chat text for a group's members, as older nodes send it: still received and shown, no
     * longer sent (group messages are TOPIC messages on the group's topic now).
     */
    public static final int GROUP = 8;
    /** A binary payload on a topic, for the nodes subscribed to it. */
    public static final int TOPIC = 9;
    /** A sealed box for one node, sent along the route to it. */
    public static final int DIRECT = 10;

    /**
     * Link control: the first encrypted frame, from the acceptor: it checked the dialer's
     * identity and took the link. The dialer treats the link as up only then.
     */
    public static final int ACCEPT = 64;
    /** Link control: are you there? (sent on idle links) */
    public static final int PING = 66;
    /** Link control: the answer to a PING. */
    public static final int PONG = 67;
    /** Link control, catch-up: per origin, what the sender holds of recent messages. */
    public static final int SYNC_SUMMARY = 70;
    /** Link control, catch-up: the sequence numbers the sender holds of one origin. */
    public static final int SYNC_SEQS = 71;
    /** Link control, catch-up: the packets of one origin the sender asks for. */
    public static final int SYNC_WANT = 72;
    /** Link control, catch-up: one packet asked for, as its origin signed it. */
    public static final int SYNC_PACKET = 73;

    /** Highest flooded type code. */
    public static final int MAX_FLOODED = 63;
    /** Highest type code of any kind. */
    public static final int MAX_TYPE = 127;

    private PacketType() {}

    /** True for types carried by the flood router. */
    public static boolean isFlooded(int type) {
        return type >= 0 && type <= MAX_FLOODED;
    }

    /**
     * True for statements of state: presence (ANNOUNCE, GOODBYE) and group creation and
     * membership. Nodes re-send the original signed statements to every new link, possibly days
     * after they were made, and applying one again changes nothing (each is ordered by its
     * origin's timestamp), so they are exempt from the replay window and the age bound. Every
     * other flooded type, unknown ones included, is a message: shown once, so protected from
     * replay.
     */
    public static boolean isState(int type) {
        return switch (type) {
            case ANNOUNCE, GOODBYE, GROUP_CREATE, GROUP_JOIN, GROUP_LEAVE -> true;
            default -> false;
        };
    }

    /** A readable name for logs. */
    public static String name(int type) {
        return switch (type) {
            case ANNOUNCE -> "ANNOUNCE";
            case BROADCAST -> "BROADCAST";
            case PRIVATE -> "PRIVATE";
            case GOODBYE -> "GOODBYE";
            case GROUP_CREATE -> "GROUP_CREATE";
            case GROUP_JOIN -> "GROUP_JOIN";
            case GROUP_LEAVE -> "GROUP_LEAVE";
            case GROUP -> "GROUP";
            case TOPIC -> "TOPIC";
            case DIRECT -> "DIRECT";
            case ACCEPT -> "ACCEPT";
            case PING -> "PING";
            case PONG -> "PONG";
            default -> "TYPE_" + type;
        };
    }
}
