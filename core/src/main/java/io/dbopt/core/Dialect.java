package io.dbopt.core;

import java.util.Set;

/**
 * What dbopt needs to know about one server: its product and version, its capabilities, and how to write
 * identifiers for it.
 *
 * <p>Obtain one from {@link DatabaseInfo#detect(javax.sql.DataSource)} (or {@link #of(DatabaseProduct,
 * ServerVersion)} when the server is known). Code branches on {@link #supports(Capability)} and
 * {@link #version()}, not on the product. Every identifier that reaches SQL text goes through
 * {@link #quote(String)}; values are always bound, never quoted. Instances are immutable and thread-safe.
 */
public sealed interface Dialect permits PostgresDialect, MariaDbDialect {

    /** The dialect for a product and version. */
    static Dialect of(DatabaseProduct product, ServerVersion version) {
        return switch (product) {
            case POSTGRESQL -> new PostgresDialect(version);
            case MARIADB, MYSQL -> new MariaDbDialect(product, version);
        };
    }

    /** The server product. */
    DatabaseProduct product();

    /** The server version. */
    ServerVersion version();

    /**
     * The folder name of this dialect's SQL resources ({@code postgresql} or {@code mariadb}; MySQL shares
     * MariaDB's), as in {@code io/dbopt/<module>/sql/<folder>/<check>.sql}.
     */
    String resourceFolder();

    /** Every capability this server has. */
    Set<Capability> capabilities();

    /** Whether this server has the capability. */
    default boolean supports(Capability capability) {
        return capabilities().contains(capability);
    }

    /**
     * Fails with an {@link UnsupportedDatabaseException} naming the server and the feature when the capability is
     * missing.
     *
     * @param capability the capability needed
     * @param feature what the caller wanted to do, e.g. {@code "what-if index costing"}
     */
    default void require(Capability capability, String feature) {
        if (!supports(capability)) {
            throw new UnsupportedDatabaseException(feature + " needs " + capability + ", which "
                    + product().displayName() + " " + version() + " does not offer; "
                    + "skip this feature for this server or upgrade it");
        }
    }

    /** Whether DDL is transactional (rolls back with the transaction). */
    default boolean supportsTransactionalDdl() {
        return supports(Capability.TRANSACTIONAL_DDL);
    }

    /** Whether indexes can be built without blocking writes ({@code CONCURRENTLY} or online ALTER). */
    default boolean supportsConcurrentIndex() {
        return supports(Capability.CONCURRENT_INDEX) || supports(Capability.ONLINE_ALTER);
    }

    /**
     * Quotes an identifier for use in SQL text, leaving it bare only when the server would read the bare form as
     * the exact same name (lower-case on PostgreSQL, not a reserved word). Embedded quote characters are doubled.
     *
     * @throws InvalidIdentifierException when the name is empty, contains NUL, exceeds the server's length limit or
     *     cannot be stored by the server
     */
    String quote(String identifier);

    /** Like {@link #quote(String)}, but always adds the quote characters. */
    String quoteAlways(String identifier);

    /** A schema-qualified name, each part quoted: {@code quote(schema) + "." + quote(name)}. */
    default String quote(String schema, String name) {
        return quote(schema) + "." + quote(name);
    }

    /**
     * Checks that a name can be used as an identifier on this server, without quoting it.
     *
     * @throws InvalidIdentifierException naming the problem and the limit
     */
    void validateIdentifier(String identifier);

    /** Whether the word is reserved on this server, ignoring case. */
    boolean isReservedWord(String word);

    /** The longest identifier the server stores without truncating. */
    int maxIdentifierLength();

    /** The unit of {@link #maxIdentifierLength()}: UTF-8 bytes on PostgreSQL, characters on MariaDB. */
    IdentifierLengthUnit identifierLengthUnit();

    /**
     * The name the server stores for an unquoted identifier: PostgreSQL folds to lower case, MariaDB keeps it.
     * Use it to compare a user's unquoted name with catalog contents.
     */
    String foldUnquoted(String identifier);

    /** A query returning one row, one column: the current schema (PostgreSQL) or database (MariaDB). */
    String currentSchemaQuery();

    /** How identifier length limits are counted. */
    enum IdentifierLengthUnit {
        /** UTF-8 bytes. */
        BYTES,
        /** Unicode characters. */
        CHARACTERS
    }
}
