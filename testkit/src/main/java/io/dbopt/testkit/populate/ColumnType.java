package io.dbopt.testkit.populate;

/** Portable column types, mapped to each server's own. */
public enum ColumnType {
    /** Auto-generated bigint primary key (PostgreSQL identity, MariaDB AUTO_INCREMENT). */
    ID,
    /** 64-bit integer. */
    BIGINT,
    /** 32-bit integer. */
    INT,
    /** Variable-length string with a length limit. */
    VARCHAR,
    /** Unlimited text. */
    TEXT,
    /** Boolean (MariaDB: tinyint(1)). */
    BOOLEAN,
    /** Point in time (PostgreSQL timestamptz, MariaDB datetime(6)). */
    TIMESTAMP,
    /** Exact decimal, numeric(12,2). */
    NUMERIC,
    /** JSON document (PostgreSQL jsonb, MariaDB json). */
    JSON,
    /** Integer array (PostgreSQL only). */
    INT_ARRAY
}
