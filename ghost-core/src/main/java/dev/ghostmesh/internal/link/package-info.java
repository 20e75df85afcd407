/**
 * Links: the handshakes (Noise, and the open profile's hello), each link's state machine
 * (handshaking, ready, closing), admission and rate limits, dialing with backoff, the
 * connector that keeps links to known peers, and the intake of frames from transports. Hands
 * decrypted packets up through {@link dev.ghostmesh.internal.link.PacketSink}, so it depends on
 * no package above it.
 */
package dev.ghostmesh.internal.link;
