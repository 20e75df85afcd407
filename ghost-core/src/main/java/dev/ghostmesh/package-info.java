/**
 * The public API of Ghost Terminal's mesh: {@link dev.ghostmesh.MeshNode} and its builder,
 * listener, and value types. Every type states its threading rules.
 */
package dev.ghostmesh;
