/**
 * The node's history: the in-memory default {@code MessageStore}. Depends on the public API
 * only, so it sits low; the layers above record what they show in it.
 */
package dev.ghostmesh.internal.store;
