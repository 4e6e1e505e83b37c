package io.dbopt.core;

import java.sql.SQLException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Classifies database errors into {@link ErrorKind}s by SQLState and vendor code, never by exception class or
 * message text (pgjdbc throws only {@code PSQLException}; Connector/J maps states to JDBC subclasses inconsistently).
 *
 * <p>MariaDB and MySQL report a non-zero vendor code, which is looked up first because their SQLStates are shared
 * by unrelated errors (a deadlock and a snapshot conflict are both {@code 40001} there). PostgreSQL reports vendor
 * code 0 and a precise SQLState. The whole chain is walked: the exception, its {@link SQLException#getNextException()
 * next exceptions} (where pgjdbc puts the real cause of a failed batch) and its causes; the first recognised kind
 * wins. Thread-safe and allocation-light.
 */
public final class SqlErrors {

    private static final int MAX_CHAIN = 64;

    /** MariaDB / MySQL vendor codes. */
    private static final Map<Integer, ErrorKind> VENDOR_CODES = Map.ofEntries(
            Map.entry(1213, ErrorKind.DEADLOCK),
            Map.entry(1020, ErrorKind.SERIALIZATION_FAILURE),   // record changed since last read (snapshot isolation)
            Map.entry(1205, ErrorKind.LOCK_TIMEOUT),
            Map.entry(3572, ErrorKind.LOCK_TIMEOUT),            // MySQL NOWAIT
            Map.entry(1969, ErrorKind.STATEMENT_TIMEOUT),       // max_statement_time exceeded
            Map.entry(1317, ErrorKind.STATEMENT_TIMEOUT),       // query execution was interrupted
            Map.entry(3024, ErrorKind.STATEMENT_TIMEOUT),       // MySQL max_execution_time exceeded
            Map.entry(1040, ErrorKind.TOO_MANY_CONNECTIONS),
            Map.entry(1203, ErrorKind.TOO_MANY_CONNECTIONS),    // max_user_connections
            Map.entry(2006, ErrorKind.CONNECTION_LOST),         // server has gone away
            Map.entry(2013, ErrorKind.CONNECTION_LOST),         // lost connection during query
            Map.entry(1927, ErrorKind.CONNECTION_LOST),         // connection was killed
            Map.entry(4031, ErrorKind.CONNECTION_LOST),         // MySQL: disconnected by the server for inactivity
            Map.entry(1053, ErrorKind.SERVER_UNAVAILABLE),      // server shutdown in progress
            Map.entry(2002, ErrorKind.SERVER_UNAVAILABLE),      // cannot connect through socket
            Map.entry(2003, ErrorKind.SERVER_UNAVAILABLE),      // cannot connect to server
            Map.entry(1062, ErrorKind.UNIQUE_VIOLATION),
            Map.entry(1586, ErrorKind.UNIQUE_VIOLATION),
            Map.entry(1022, ErrorKind.UNIQUE_VIOLATION),
            Map.entry(1451, ErrorKind.FOREIGN_KEY_VIOLATION),
            Map.entry(1452, ErrorKind.FOREIGN_KEY_VIOLATION),
            Map.entry(1216, ErrorKind.FOREIGN_KEY_VIOLATION),
            Map.entry(1217, ErrorKind.FOREIGN_KEY_VIOLATION),
            Map.entry(1048, ErrorKind.NOT_NULL_VIOLATION),
            Map.entry(1364, ErrorKind.NOT_NULL_VIOLATION),      // field has no default value
            Map.entry(4025, ErrorKind.CHECK_VIOLATION),         // MariaDB CONSTRAINT failed
            Map.entry(3819, ErrorKind.CHECK_VIOLATION),         // MySQL check constraint violated
            Map.entry(1064, ErrorKind.SYNTAX_ERROR),
            Map.entry(1146, ErrorKind.UNDEFINED_OBJECT),
            Map.entry(1054, ErrorKind.UNDEFINED_OBJECT),
            Map.entry(1049, ErrorKind.UNDEFINED_OBJECT),
            Map.entry(1305, ErrorKind.UNDEFINED_OBJECT),
            Map.entry(1091, ErrorKind.UNDEFINED_OBJECT),        // can't drop: check that it exists
            Map.entry(1176, ErrorKind.UNDEFINED_OBJECT),        // key doesn't exist
            Map.entry(1050, ErrorKind.DUPLICATE_OBJECT),
            Map.entry(1060, ErrorKind.DUPLICATE_OBJECT),
            Map.entry(1061, ErrorKind.DUPLICATE_OBJECT),
            Map.entry(1007, ErrorKind.DUPLICATE_OBJECT),
            Map.entry(1826, ErrorKind.DUPLICATE_OBJECT),        // duplicate foreign key constraint name
            Map.entry(1044, ErrorKind.PERMISSION_DENIED),
            Map.entry(1045, ErrorKind.PERMISSION_DENIED),
            Map.entry(1142, ErrorKind.PERMISSION_DENIED),
            Map.entry(1143, ErrorKind.PERMISSION_DENIED),
            Map.entry(1227, ErrorKind.PERMISSION_DENIED));

    /** Exact PostgreSQL (and SQL-standard) states. */
    private static final Map<String, ErrorKind> STATES = Map.ofEntries(
            Map.entry("40P01", ErrorKind.DEADLOCK),
            Map.entry("40001", ErrorKind.SERIALIZATION_FAILURE),
            Map.entry("55P03", ErrorKind.LOCK_TIMEOUT),
            Map.entry("57014", ErrorKind.STATEMENT_TIMEOUT),
            Map.entry("57P01", ErrorKind.CONNECTION_LOST),      // admin_shutdown: pg_terminate_backend or shutdown
            Map.entry("57P02", ErrorKind.CONNECTION_LOST),      // crash_shutdown
            Map.entry("57P03", ErrorKind.SERVER_UNAVAILABLE),   // cannot_connect_now: starting up or shutting down
            Map.entry("57P05", ErrorKind.CONNECTION_LOST),      // idle_session_timeout ended an idle session (14+)
            Map.entry("08001", ErrorKind.SERVER_UNAVAILABLE),   // unable to establish a connection
            Map.entry("08004", ErrorKind.SERVER_UNAVAILABLE),   // server rejected the connection
            Map.entry("53300", ErrorKind.TOO_MANY_CONNECTIONS),
            Map.entry("25P03", ErrorKind.IDLE_IN_TRANSACTION_TIMEOUT),
            Map.entry("25P04", ErrorKind.STATEMENT_TIMEOUT),    // transaction_timeout (PostgreSQL 17+)
            Map.entry("23505", ErrorKind.UNIQUE_VIOLATION),
            Map.entry("23503", ErrorKind.FOREIGN_KEY_VIOLATION),
            Map.entry("23502", ErrorKind.NOT_NULL_VIOLATION),
            Map.entry("23514", ErrorKind.CHECK_VIOLATION),
            Map.entry("42601", ErrorKind.SYNTAX_ERROR),
            Map.entry("42P01", ErrorKind.UNDEFINED_OBJECT),
            Map.entry("42703", ErrorKind.UNDEFINED_OBJECT),
            Map.entry("42704", ErrorKind.UNDEFINED_OBJECT),
            Map.entry("42883", ErrorKind.UNDEFINED_OBJECT),
            Map.entry("42P02", ErrorKind.UNDEFINED_OBJECT),
            Map.entry("3F000", ErrorKind.UNDEFINED_OBJECT),
            Map.entry("3D000", ErrorKind.UNDEFINED_OBJECT),
            Map.entry("42P07", ErrorKind.DUPLICATE_OBJECT),
            Map.entry("42P06", ErrorKind.DUPLICATE_OBJECT),
            Map.entry("42P04", ErrorKind.DUPLICATE_OBJECT),
            Map.entry("42701", ErrorKind.DUPLICATE_OBJECT),
            Map.entry("42710", ErrorKind.DUPLICATE_OBJECT),
            Map.entry("42723", ErrorKind.DUPLICATE_OBJECT),
            Map.entry("42501", ErrorKind.PERMISSION_DENIED));

    private SqlErrors() {
    }

    /**
     * Classifies an error by walking its SQLException chain and causes. Returns {@link ErrorKind#OTHER} when
     * nothing in the chain is recognised, including for a {@code null} argument.
     */
    public static ErrorKind classify(Throwable error) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        return walk(error, seen);
    }

    private static ErrorKind walk(Throwable error, Set<Throwable> seen) {
        Throwable current = error;
        while (current != null && seen.size() < MAX_CHAIN && seen.add(current)) {
            if (current instanceof SQLException sql) {
                ErrorKind kind = classifyOne(sql);
                if (kind != ErrorKind.OTHER) {
                    return kind;
                }
                SQLException next = sql.getNextException();
                if (next != null && !seen.contains(next)) {
                    ErrorKind nextKind = walk(next, seen);
                    if (nextKind != ErrorKind.OTHER) {
                        return nextKind;
                    }
                }
            }
            current = current.getCause();
        }
        return ErrorKind.OTHER;
    }

    /** Classifies one exception without looking at its chain. */
    static ErrorKind classifyOne(SQLException sql) {
        int vendorCode = sql.getErrorCode();
        if (vendorCode != 0) {
            ErrorKind byVendor = VENDOR_CODES.get(vendorCode);
            if (byVendor != null) {
                return byVendor;
            }
        }
        return classifyState(sql.getSQLState());
    }

    /** Classifies a bare SQLState, for errors reported without an exception (a server log, a catalog view). */
    public static ErrorKind classifyState(String sqlState) {
        if (sqlState == null || sqlState.length() != 5) {
            return ErrorKind.OTHER;
        }
        ErrorKind exact = STATES.get(sqlState);
        if (exact != null) {
            return exact;
        }
        String sqlClass = sqlState.substring(0, 2);
        return switch (sqlClass) {
            case "08" -> ErrorKind.CONNECTION_LOST;
            case "23" -> ErrorKind.INTEGRITY_VIOLATION;
            case "28" -> ErrorKind.PERMISSION_DENIED;
            case "40" -> sqlState.equals("40002") ? ErrorKind.INTEGRITY_VIOLATION : ErrorKind.SERIALIZATION_FAILURE;
            case "42" -> ErrorKind.SYNTAX_ERROR;
            default -> ErrorKind.OTHER;
        };
    }

    /** The first SQLState found in the chain, if any. */
    public static Optional<String> sqlState(Throwable error) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Throwable current = error;
        while (current != null && seen.size() < MAX_CHAIN && seen.add(current)) {
            if (current instanceof SQLException sql && sql.getSQLState() != null) {
                return Optional.of(sql.getSQLState());
            }
            current = current.getCause();
        }
        return Optional.empty();
    }

    /** The first non-zero vendor error code found in the chain, if any (MariaDB and MySQL only). */
    public static Optional<Integer> vendorCode(Throwable error) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Throwable current = error;
        while (current != null && seen.size() < MAX_CHAIN && seen.add(current)) {
            if (current instanceof SQLException sql && sql.getErrorCode() != 0) {
                return Optional.of(sql.getErrorCode());
            }
            current = current.getCause();
        }
        return Optional.empty();
    }
}
