/**
 * Sending and receiving packets: the outbox that signs, sequences and floods what this node
 * originates, topics (with the reserved topics of built-in applications, the chat's broadcasts
 * among them), direct and private messages end to end, and signature checks (inline or on the
 * verifier pool). Depends on {@code link}, {@code router}, {@code directory} and
 * {@code runtime}.
 */
package dev.ghostmesh.internal.messaging;
