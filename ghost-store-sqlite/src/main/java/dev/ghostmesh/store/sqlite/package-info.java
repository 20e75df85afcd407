/**
 * {@link dev.ghostmesh.store.sqlite.SqliteMessageStore}: a node's history in an SQLite file.
 */
package dev.ghostmesh.store.sqlite;
