/**
 * The TCP transport: {@link dev.ghostmesh.transport.tcp.TcpTransport}, non-blocking java.nio
 * with one selector thread per transport and length-prefixed frames. Only the transport and its
 * builder are public.
 */
package dev.ghostmesh.transport.tcp;
