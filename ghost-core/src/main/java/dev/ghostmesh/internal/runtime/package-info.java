/**
 * What every part of a node runs on: the loops (task queue, timers, selector), the node's loop
 * adapter and context, its configuration, counters, listener bus, refusal log and token
 * buckets. The feature packages ({@code link}, {@code messaging}, {@code group},
 * {@code presence}) build on it; it depends on none of them.
 */
package dev.ghostmesh.internal.runtime;
