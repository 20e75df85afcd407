/**
 * Flood routing: the seen cache, the replay window and the relay decision. Knows packets, not
 * body layouts; depends on {@code codec}, {@code crypto} and {@code identity}.
 */
package dev.ghostmesh.internal.router;
