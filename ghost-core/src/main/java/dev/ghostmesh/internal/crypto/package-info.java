/**
 * Cryptography: the Noise link handshake and cipher, Ed25519 providers (BouncyCastle, libsodium),
 * group keys, private-message boxes and sealed state. Depends only on {@code identity}.
 */
package dev.ghostmesh.internal.crypto;
