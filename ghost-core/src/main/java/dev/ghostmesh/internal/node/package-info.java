/**
 * The node assembled: {@code NodeRuntime} builds the parts in dependency order and serves the
 * public API; {@code PacketHandler} dispatches each received packet to the feature that owns
 * its type. The only internal package that depends on all the others.
 */
package dev.ghostmesh.internal.node;
