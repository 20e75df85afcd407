/**
 * Presence: this node's announces (which also state its groups), the handling of others'
 * announces and goodbyes into the directory, and what a new link is told first. Depends on
 * {@code group}, {@code messaging}, {@code link} and {@code directory}.
 */
package dev.ghostmesh.internal.presence;
