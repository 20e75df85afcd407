/**
 * Catch-up: the log of recent message packets a node can hand to neighbours that missed them.
 */
package dev.ghostmesh.internal.sync;
