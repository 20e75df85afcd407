/**
 * The wire format of PROTOCOL.md: link frames, packets and their bodies (one sealed type,
 * decoded once), MessagePack reading with schema checks. Depends on {@code crypto} and
 * {@code identity}.
 */
package dev.ghostmesh.internal.codec;
