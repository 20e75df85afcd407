package dev.ghostmesh.cli;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;

/**
 * A hostile LAN for tests: sends forged discovery beacons (the 23-byte
 * {@code "GHST" | 1 | node id | TCP port} of PROTOCOL.md) to the discovery group, as fast as
 * asked, from the network namespace it runs in ({@link NetnsLab#inside}). Each beacon's id is
 * random or a given one; the port is the given one, so a receiver that believed it would dial
 * this host at that port.
 *
 * <pre>java dev.ghostmesh.cli.BeaconFlood PER_SECOND SECONDS TCP_PORT [HEX_ID | random]...</pre>
 * The ids are used in turn. Prints {@code sent N} when done.
 *
 * <p>Threading: single-threaded main.
 */
public final class BeaconFlood {
    private BeaconFlood() {}

    public static void main(String[] args) throws Exception {
        int perSecond = Integer.parseInt(args[0]);
        double seconds = Double.parseDouble(args[1]);
        int port = Integer.parseInt(args[2]);
        byte[][] ids = new byte[args.length - 3][];
        for (int i = 3; i < args.length; i++) {
            ids[i - 3] = args[i].equals("random") ? null : HexFormat.of().parseHex(args[i]);
        }
        InetSocketAddress group = new InetSocketAddress(InetAddress.getByName(LanSetup.GROUP),
                LanSetup.PORT);
        long total = (long) (perSecond * seconds);
        long gapNanos = 1_000_000_000L / perSecond;
        long sent = 0;
        try (DatagramChannel ch = DatagramChannel.open(StandardProtocolFamily.INET)) {
            ch.setOption(StandardSocketOptions.IP_MULTICAST_TTL, 1);
            ch.setOption(StandardSocketOptions.IP_MULTICAST_LOOP, true);
            long start = System.nanoTime();
            ByteBuffer buf = ByteBuffer.allocate(23);
            for (long n = 0; n < total; n++) {
                byte[] id = ids[(int) (n % ids.length)];
                buf.clear();
                buf.put(new byte[] {'G', 'H', 'S', 'T', 1});
                if (id == null) {
                    byte[] random = new byte[16];
                    ThreadLocalRandom.current().nextBytes(random);
                    buf.put(random);
                } else {
                    buf.put(id);
                }
                buf.putShort((short) port).flip();
                sent += ch.send(buf, group) > 0 ? 1 : 0;
                long due = start + (n + 1) * gapNanos;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
            }
        }
        System.out.println("sent " + sent);
    }
}
