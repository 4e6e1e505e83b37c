package io.dbopt.core.jdbc;

import io.dbopt.core.CoreErrorCode;
import io.dbopt.core.DbOptException;
import io.dbopt.core.Dialect;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Loads the catalog queries kept as resources, one query per file at
 * {@code io/dbopt/<module>/sql/<dialect folder>/<name>.sql}, so each check's SQL can be read on its own. Loaded
 * texts are cached. Every text starts with the line {@value #MARKER}, so that the server's statement statistics
 * ({@code pg_stat_statements} keeps a statement's leading comments) can tell dbopt's own catalog queries from the
 * application's: the doctor's top statements leave them out. Thread-safe.
 */
public final class SqlResource {

    /**
     * The comment every loaded query starts with, on a line of its own (so that code dropping a query's
     * {@code --} comment lines keeps it).
     */
    public static final String MARKER = "/* dbopt */";

    private static final Map<String, String> CACHE = new ConcurrentHashMap<>();

    private SqlResource() {
    }

    /**
     * The query text for a module, dialect and check name, e.g. {@code load("index", dialect, "unused")} reads
     * {@code io/dbopt/index/sql/postgresql/unused.sql}.
     *
     * @throws DbOptException with {@link CoreErrorCode#RESOURCE_MISSING} when the file does not exist
     */
    public static String load(String module, Dialect dialect, String name) {
        String path = "io/dbopt/" + module + "/sql/" + dialect.resourceFolder() + "/" + name + ".sql";
        return CACHE.computeIfAbsent(path, SqlResource::read);
    }

    /** Whether a query exists for this dialect (some checks exist on one server only). */
    public static boolean exists(String module, Dialect dialect, String name) {
        String path = "io/dbopt/" + module + "/sql/" + dialect.resourceFolder() + "/" + name + ".sql";
        return CACHE.containsKey(path) || SqlResource.class.getClassLoader().getResource(path) != null;
    }

    private static String read(String path) {
        InputStream found = SqlResource.class.getClassLoader().getResourceAsStream(path);
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        if (found == null && context != null) {
            found = context.getResourceAsStream(path);
        }
        if (found == null) {
            throw new DbOptException(CoreErrorCode.RESOURCE_MISSING, "SQL resource " + path
                    + " is missing from the class path: the dbopt jar is incomplete, rebuild or re-download it");
        }
        try (InputStream in = found) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
            return MARKER + "\n" + (text.endsWith(";") ? text.substring(0, text.length() - 1) : text);
        } catch (IOException e) {
            throw new DbOptException(CoreErrorCode.RESOURCE_MISSING, "Cannot read SQL resource " + path, e);
        }
    }
}
