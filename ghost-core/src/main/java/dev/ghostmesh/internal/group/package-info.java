/**
 * Groups without a central authority: membership statements, the keyring and password groups,
 * group chat (on each group's reserved topic), and the persisted group state. Depends on
 * {@code messaging} and below.
 */
package dev.ghostmesh.internal.group;
