package io.dbopt.json.codec;

import io.dbopt.core.DbOptException;
import io.dbopt.core.Dialect;
import io.dbopt.core.ErrorKind;
import io.dbopt.core.SqlErrors;
import io.dbopt.core.jdbc.Jdbc;
import io.dbopt.json.DictionaryInfo;
import io.dbopt.json.storage.OwnTables;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trained dictionaries, one row per version in a table of their own ({@code id, scope, created_at, samples,
 * content}), loaded on demand and kept in memory once loaded (a dictionary never changes; values name it by id).
 * The latest version of each scope is what new values are compressed with; {@link #refresh()} forgets which one that
 * is, so a version trained by another instance is picked up. Thread-safe; {@link #close()} frees the loaded
 * dictionaries.
 */
public final class DictionaryStore implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DictionaryStore.class);

    private final DataSource dataSource;
    private final Dialect dialect;
    private final OwnTables tables;
    private final String table;
    private final Duration timeout;
    private final Map<Integer, LoadedDictionary> byId = new ConcurrentHashMap<>();
    private final Map<String, Optional<Integer>> latest = new ConcurrentHashMap<>();

    /**
     * A store over a table.
     *
     * @param dataSource where the table is
     * @param dialect the server's dialect
     * @param table the table name (current schema), quoted through the dialect
     * @param timeout the time limit of each statement
     */
    public DictionaryStore(DataSource dataSource, Dialect dialect, String table, Duration timeout) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.dialect = Objects.requireNonNull(dialect, "dialect");
        this.tables = new OwnTables(dialect);
        dialect.validateIdentifier(table);
        this.table = table;
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    /** The table's name. */
    public String table() {
        return table;
    }

    /** Creates the table when it is missing. */
    public void createTable() {
        Jdbc.withConnection(dataSource, "creating the dictionary table " + table, c -> {
            tables.create(c, "CREATE TABLE IF NOT EXISTS " + dialect.quote(table) + " (id " + tables.identityType()
                    + " PRIMARY KEY, scope varchar(200) NOT NULL, created_at " + tables.timestampType()
                    + " NOT NULL, samples integer NOT NULL, content " + tables.binaryType() + " NOT NULL)");
            return null;
        });
    }

    /**
     * Stores a new version for a scope and makes it the scope's latest.
     *
     * @throws DbOptException when the row cannot be written
     */
    public LoadedDictionary save(String scope, byte[] content, int samples) {
        createTable();
        Instant now = Instant.now();
        int id = Jdbc.withConnection(dataSource, "storing a dictionary for " + scope, c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + dialect.quote(table)
                    + " (scope, created_at, samples, content) VALUES (?, ?, ?, ?)", new String[] {"id"})) {
                ps.setQueryTimeout(seconds());
                ps.setString(1, scope);
                tables.bind(ps, 2, now);
                ps.setInt(3, samples);
                ps.setBytes(4, content);
                ps.executeUpdate();
                try (ResultSet keys = ps.getGeneratedKeys()) {
                    if (!keys.next()) {
                        throw new SQLException("no generated id returned for the dictionary row");
                    }
                    return keys.getInt(1);
                }
            }
        });
        LoadedDictionary loaded = new LoadedDictionary(new DictionaryInfo(id, scope, content.length, samples, now),
                content);
        LoadedDictionary previous = byId.put(id, loaded);
        if (previous != null) {
            previous.close();
        }
        latest.put(scope, Optional.of(id));
        LOG.info("{} - stored dictionary {} for {} ({} bytes, {} samples)", table, id, scope, content.length, samples);
        return loaded;
    }

    /** The dictionary with this id, loaded once; empty when there is no such row (or no table). */
    public Optional<LoadedDictionary> byId(int id) {
        LoadedDictionary cached = byId.get(id);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<LoadedDictionary> loaded = load("id = ?", id);
        loaded.ifPresent(d -> {
            LoadedDictionary raced = byId.putIfAbsent(id, d);
            if (raced != null) {
                d.close();
            }
        });
        return loaded.map(d -> byId.get(id));
    }

    /** The latest dictionary of a scope, if one was trained. */
    public Optional<LoadedDictionary> latest(String scope) {
        Optional<Integer> id = latest.computeIfAbsent(scope, s -> Jdbc.withConnection(dataSource,
                "finding the latest dictionary of " + s, c -> {
                    try {
                        return Jdbc.query(c, timeout, "SELECT max(id) FROM " + dialect.quote(table)
                                + " WHERE scope = ?", rs -> rs.getObject(1) == null ? null : rs.getInt(1), s)
                                .stream().filter(Objects::nonNull).findFirst();
                    } catch (SQLException e) {
                        if (SqlErrors.classify(e) == ErrorKind.UNDEFINED_OBJECT) {
                            return Optional.empty();
                        }
                        throw e;
                    }
                }));
        return id.flatMap(this::byId);
    }

    /** Every version of a scope, oldest first. */
    public List<DictionaryInfo> versions(String scope) {
        return Jdbc.withConnection(dataSource, "listing the dictionaries of " + scope, c -> {
            try {
                return Jdbc.query(c, timeout, "SELECT id, scope, created_at, samples, "
                        + (tables.postgres() ? "octet_length(content)" : "LENGTH(content)") + " AS size FROM "
                        + dialect.quote(table) + " WHERE scope = ? ORDER BY id", rs -> new DictionaryInfo(
                        rs.getInt("id"), rs.getString("scope"), rs.getInt("size"), rs.getInt("samples"),
                        tables.instant(rs, "created_at")), scope);
            } catch (SQLException e) {
                if (SqlErrors.classify(e) == ErrorKind.UNDEFINED_OBJECT) {
                    return new ArrayList<>();
                }
                throw e;
            }
        });
    }

    /** Forgets which version is each scope's latest; loaded dictionaries stay loaded. */
    public void refresh() {
        latest.clear();
    }

    private Optional<LoadedDictionary> load(String condition, Object value) {
        return Jdbc.withConnection(dataSource, "loading a dictionary", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT id, scope, created_at, samples, content FROM "
                    + dialect.quote(table) + " WHERE " + condition)) {
                ps.setQueryTimeout(seconds());
                ps.setObject(1, value);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    byte[] content = rs.getBytes("content");
                    return Optional.of(new LoadedDictionary(new DictionaryInfo(rs.getInt("id"), rs.getString("scope"),
                            content.length, rs.getInt("samples"), tables.instant(rs, "created_at")), content));
                }
            } catch (SQLException e) {
                if (SqlErrors.classify(e) == ErrorKind.UNDEFINED_OBJECT) {
                    return Optional.empty();
                }
                throw e;
            }
        });
    }

    private int seconds() {
        return (int) Math.max(1, (timeout.toMillis() + 999) / 1000);
    }

    /** Frees every loaded dictionary. */
    @Override
    public void close() {
        byId.values().forEach(LoadedDictionary::close);
        byId.clear();
        latest.clear();
    }
}
