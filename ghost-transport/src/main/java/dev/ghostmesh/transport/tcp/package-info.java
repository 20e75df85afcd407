/**
 * The TCP transport: {@link dev.ghostmesh.transport.tcp.TcpTransport}, non-blocking java.nio
 * with one selector thread per transport and length-prefixed frames. Only the transport and its
 * builder are public; the builder also sets the limits that keep one abusive peer from costing
 * others anything (frame-completion and write-stall deadlines, a cap on open connections).
 */
package dev.ghostmesh.transport.tcp;
