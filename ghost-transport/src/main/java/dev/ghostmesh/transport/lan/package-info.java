/**
 * Zero-configuration LAN discovery: {@link dev.ghostmesh.transport.lan.LanDiscovery} sends small
 * UDP beacons to a multicast group (or a broadcast address where multicast is unavailable) and
 * reports the peers it hears as hints for the core to dial. Only the discovery, its builder,
 * {@link dev.ghostmesh.transport.lan.DiscoveredPeer} and the stats record are public.
 */
package dev.ghostmesh.transport.lan;
