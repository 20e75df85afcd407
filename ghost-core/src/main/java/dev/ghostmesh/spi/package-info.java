/**
 * Service-provider interfaces for plugging transports and discoveries into a
 * {@link dev.ghostmesh.MeshNode}. Every method states which thread calls it.
 */
package dev.ghostmesh.spi;
