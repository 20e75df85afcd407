/**
 * Sending and receiving packets: the outbox that signs, sequences and floods what this node
 * originates, private messages end to end, and signature checks (inline or on the verifier
 * pool). Depends on {@code link}, {@code router}, {@code directory} and {@code runtime}.
 */
package dev.ghostmesh.internal.messaging;
