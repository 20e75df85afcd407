/**
 * A {@code MessageStore} on SQLite ({@link dev.ghostmesh.store.sqlite.SqliteMessageStore}): a
 * node's history in one file that survives restarts and {@code kill -9}. Exports that package
 * only.
 *
 * <p>{@code requires transitive dev.ghostmesh.core}: the store implements its SPI.
 */
module dev.ghostmesh.store.sqlite {
    requires transitive dev.ghostmesh.core;
    requires java.sql;
    requires org.xerial.sqlitejdbc;

    exports dev.ghostmesh.store.sqlite;
}
