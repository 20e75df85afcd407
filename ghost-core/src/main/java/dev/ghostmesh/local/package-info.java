/**
 * An in-process network and transport ({@link dev.ghostmesh.local.LocalNetwork},
 * {@link dev.ghostmesh.local.LocalTransport}) for tests, examples and simulations of many nodes
 * in one JVM.
 */
package dev.ghostmesh.local;
