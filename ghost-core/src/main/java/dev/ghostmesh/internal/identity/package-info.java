/**
 * Identity files on disk, the readable codenames of node ids, and the bridge
 * ({@code ApiInternals}) through which the implementation reaches the private parts of API value
 * types. Depends on no other internal package.
 */
package dev.ghostmesh.internal.identity;
