package io.dbopt.transaction;

import java.sql.Connection;

/**
 * SQL isolation levels as dbopt applies them: per transaction, with {@code SET TRANSACTION ISOLATION LEVEL}. What each
 * level allows differs between servers (PostgreSQL's REPEATABLE READ is snapshot isolation and prevents lost updates;
 * MariaDB's does not unless {@code innodb_snapshot_isolation} is on); see {@code docs/transaction.md} for the table.
 */
public enum Isolation {
    /** Each statement sees data committed before it began. The default on PostgreSQL. */
    READ_COMMITTED("READ COMMITTED", Connection.TRANSACTION_READ_COMMITTED),
    /** Every statement sees the snapshot taken at the first one. The default on MariaDB. */
    REPEATABLE_READ("REPEATABLE READ", Connection.TRANSACTION_REPEATABLE_READ),
    /**
     * The result equals some serial order. PostgreSQL detects conflicts and fails one transaction with a
     * serialization failure (retried by dbopt); MariaDB takes shared locks on every read, so conflicts become lock
     * waits and deadlocks (also retried).
     */
    SERIALIZABLE("SERIALIZABLE", Connection.TRANSACTION_SERIALIZABLE);

    private final String sql;
    private final int jdbcLevel;

    Isolation(String sql, int jdbcLevel) {
        this.sql = sql;
        this.jdbcLevel = jdbcLevel;
    }

    /** The level as written after {@code ISOLATION LEVEL}, e.g. {@code REPEATABLE READ}. */
    public String sql() {
        return sql;
    }

    /** The matching {@link Connection} constant. */
    public int jdbcLevel() {
        return jdbcLevel;
    }

    /** Whether this level is at least as strict as {@code other}. */
    public boolean isAtLeast(Isolation other) {
        return compareTo(other) >= 0;
    }

    /**
     * The level for a JDBC constant; READ UNCOMMITTED maps to READ COMMITTED (PostgreSQL treats it so).
     *
     * @throws IllegalArgumentException for {@link Connection#TRANSACTION_NONE} or an unknown value
     */
    public static Isolation fromJdbc(int level) {
        return switch (level) {
            case Connection.TRANSACTION_READ_UNCOMMITTED, Connection.TRANSACTION_READ_COMMITTED -> READ_COMMITTED;
            case Connection.TRANSACTION_REPEATABLE_READ -> REPEATABLE_READ;
            case Connection.TRANSACTION_SERIALIZABLE -> SERIALIZABLE;
            default -> throw new IllegalArgumentException("JDBC isolation level " + level
                    + " is not one of READ_COMMITTED, REPEATABLE_READ, SERIALIZABLE");
        };
    }

    /**
     * Parses a level as servers print it ({@code read committed}, {@code REPEATABLE-READ}) or as named here.
     *
     * @throws IllegalArgumentException naming the accepted values
     */
    public static Isolation parse(String text) {
        String t = text == null ? "" : text.trim().toUpperCase(java.util.Locale.ROOT).replace('-', ' ')
                .replace('_', ' ');
        return switch (t) {
            case "READ UNCOMMITTED", "READ COMMITTED" -> READ_COMMITTED;
            case "REPEATABLE READ" -> REPEATABLE_READ;
            case "SERIALIZABLE" -> SERIALIZABLE;
            default -> throw new IllegalArgumentException("Unknown isolation level '" + text
                    + "': use read_committed, repeatable_read or serializable");
        };
    }
}
