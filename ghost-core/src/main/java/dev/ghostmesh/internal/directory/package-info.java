/**
 * The directory: every node this node has heard of, its name, address hints, groups and the
 * routes its announces came by. Plain data on the node loop; depends only on {@code codec}.
 */
package dev.ghostmesh.internal.directory;
