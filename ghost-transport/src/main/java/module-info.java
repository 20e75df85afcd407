/**
 * Ghost Terminal's network transports: {@link dev.ghostmesh.transport.tcp.TcpTransport} (TCP
 * over java.nio) and {@link dev.ghostmesh.transport.lan.LanDiscovery} (UDP discovery on the
 * local network). Exports those two packages only.
 *
 * <p>{@code requires transitive dev.ghostmesh.core}: the transports implement its SPI and their
 * builders return its types, so a module that reads this one reads the core as well.
 */
module dev.ghostmesh.transport {
    requires transitive dev.ghostmesh.core;
    requires org.slf4j;

    exports dev.ghostmesh.transport.tcp;
    exports dev.ghostmesh.transport.lan;
}
