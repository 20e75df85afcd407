package dev.ghostmesh.transport.tcp;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Turns a host name into an address. A seam so tests can simulate slow or failing name
 * resolution without touching the network.
 *
 * <p>Threading: called on the transport's resolver pool, never on its I/O thread; it may block.
 */
@FunctionalInterface
interface HostResolver {
    HostResolver SYSTEM = InetAddress::getByName;

    InetAddress resolve(String host) throws UnknownHostException, InterruptedException;
}
