package io.dbopt.migration.rollback;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dbopt.migration.schema.PreparedCatalogReads;
import io.dbopt.migration.schema.SchemaReader;
import io.dbopt.migration.schema.SchemaSnapshot;
import io.dbopt.migration.schema.SideReadSnapshot;
import io.dbopt.migration.script.UndoScript;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Snapshots the schema before each migration and keeps, per set and version, that snapshot, the undo generated
 * from it and, when asked, the rows of small tables the migration loses, in the {@link StateStore}, for
 * compensation, crash recovery and rollback. Thread-safe.
 */
public final class StatePreserver {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final SchemaReader reader;
    private final StateStore store;

    public StatePreserver(SchemaReader reader, StateStore store) {
        this.reader = reader;
        this.store = store;
    }

    public SchemaReader reader() {
        return reader;
    }

    /** The whole schema now. */
    public SchemaSnapshot snapshot(Connection c) throws SQLException {
        return reader.read(c);
    }

    /** The named tables now, or the whole schema when the list is empty ({@link SchemaReader#read(Connection, List)}). */
    public SchemaSnapshot snapshot(Connection c, List<String> tables) throws SQLException {
        return reader.read(c, tables);
    }

    /**
     * The named tables now, for a caller that knows those in {@code absent} do not exist: they are not read
     * ({@link SchemaReader#read(Connection, List, Set)}).
     */
    public SchemaSnapshot snapshot(Connection c, List<String> tables, Set<String> absent)
            throws SQLException {
        return reader.read(c, tables, absent);
    }

    /**
     * {@link #snapshot(Connection, List, Set)} with the catalog queries prepared on the server for the connection
     * (PostgreSQL; {@link SchemaReader#read(Connection, List, Set, PreparedCatalogReads)}).
     */
    public SchemaSnapshot snapshot(Connection c, List<String> tables, Set<String> absent,
                                   PreparedCatalogReads prepared) throws SQLException {
        return reader.read(c, tables, absent, prepared);
    }

    /**
     * The named tables now ({@link #snapshot(Connection, List)}, a non-empty list) and, read in the same statement on
     * MariaDB, the progress rows a migrator that died during this migration left ({@link StateStore#list} of
     * {@link StateStore.Kind#PROGRESS}): the check before every non-transactional migration then costs no round trip of
     * its own.
     */
    public SideReadSnapshot snapshotWithProgress(Connection c, List<String> tables, String set, String version)
            throws SQLException {
        return reader.read(c, tables, store.listQuery(set, version, StateStore.Kind.PROGRESS));
    }

    public void recordSnapshot(Connection c, String set, String version, SchemaSnapshot snapshot) throws SQLException {
        store.put(c, set, version, StateStore.Kind.SNAPSHOT, 0, snapshot.toJson());
    }

    public Optional<SchemaSnapshot> storedSnapshot(Connection c, String set, String version) throws SQLException {
        return store.list(c, set, version, StateStore.Kind.SNAPSHOT).stream().findFirst().map(SchemaSnapshot::fromJson);
    }

    public void recordUndo(Connection c, String set, String version, UndoScript undo) throws SQLException {
        store.put(c, set, version, StateStore.Kind.UNDO, 0, undoJson(set, version, undo));
    }

    /**
     * Keeps the snapshot taken before a migration and, when given, the undo generated from it, in one statement:
     * what a migration's state costs when both are known before it runs.
     */
    public void recordSnapshotAndUndo(Connection c, String set, String version, SchemaSnapshot snapshot,
                                      Optional<UndoScript> undo) throws SQLException {
        recordSnapshotAndUndo(c, set, version, snapshot, undo, List.of());
    }

    /**
     * {@link #recordSnapshotAndUndo(Connection, String, String, SchemaSnapshot, Optional)} with more rows of the same
     * migration in the same statement: the journal writes the snapshot and the undo with the first statement's
     * progress row, one commit for the three.
     */
    public void recordSnapshotAndUndo(Connection c, String set, String version, SchemaSnapshot snapshot,
                                      Optional<UndoScript> undo, List<StateStore.Row> with) throws SQLException {
        List<StateStore.Row> rows = new java.util.ArrayList<>(2 + with.size());
        rows.add(new StateStore.Row(StateStore.Kind.SNAPSHOT, 0, snapshot.toJson()));
        if (undo.isPresent()) {
            rows.add(new StateStore.Row(StateStore.Kind.UNDO, 0, undoJson(set, version, undo.get())));
        }
        rows.addAll(with);
        store.putAll(c, set, version, rows);
    }

    private static String undoJson(String set, String version, UndoScript undo) {
        StoredUndo stored = new StoredUndo(undo.statements(), undo.irreversible().stream()
                .filter(i -> i.dataOf().isEmpty()).map(StatePreserver::describe).toList(),
                undo.irreversible().stream().filter(i -> i.dataOf().isPresent())
                        .map(i -> new StoredUndo.DataLoss(i.dataOf().get(), describe(i))).toList());
        try {
            return JSON.writeValueAsString(stored);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot serialise the undo of " + set + " V" + version, e);
        }
    }

    private static String describe(UndoScript.Irreversible i) {
        return "statement " + i.statement() + " (line " + i.line() + "): " + i.reason();
    }

    /** Keeps the rows (or why they were not kept) of tables the migration loses rows of. */
    public void recordData(Connection c, String set, String version, List<TableRows> tables) throws SQLException {
        store.delete(c, set, version, StateStore.Kind.DATA);
        List<StateStore.Row> rows = new java.util.ArrayList<>(tables.size());
        for (int i = 0; i < tables.size(); i++) {
            rows.add(new StateStore.Row(StateStore.Kind.DATA, i, tables.get(i).toJson()));
        }
        store.putAll(c, set, version, rows);
    }

    public List<TableRows> storedData(Connection c, String set, String version) throws SQLException {
        return store.list(c, set, version, StateStore.Kind.DATA).stream().map(TableRows::fromJson).toList();
    }

    public Optional<StoredUndo> storedUndo(Connection c, String set, String version) throws SQLException {
        List<String> rows = store.list(c, set, version, StateStore.Kind.UNDO);
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(rows.get(0), StoredUndo.class));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("The stored undo of " + set + " V" + version + " is not readable", e);
        }
    }
}
