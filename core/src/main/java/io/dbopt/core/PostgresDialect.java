package io.dbopt.core;

import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * PostgreSQL: double-quoted identifiers of at most 63 UTF-8 bytes (longer names are silently truncated by the
 * server, which is why dbopt rejects them), lower-case folding, transactional DDL.
 */
public final class PostgresDialect implements Dialect {

    /** NAMEDATALEN - 1 with the default build. */
    public static final int MAX_IDENTIFIER_BYTES = 63;

    private final ServerVersion version;
    private final Set<Capability> capabilities;

    PostgresDialect(ServerVersion version) {
        this.version = version;
        EnumSet<Capability> caps = EnumSet.of(Capability.TRANSACTIONAL_DDL, Capability.CONCURRENT_INDEX,
                Capability.PARTIAL_INDEX, Capability.EXPRESSION_INDEX, Capability.SKIP_LOCKED, Capability.RETURNING,
                Capability.JSONB, Capability.ROW_LEVEL_SECURITY, Capability.EXPLAIN_JSON, Capability.EXPLAIN_ANALYZE,
                Capability.SEQUENCES, Capability.CHECK_CONSTRAINTS, Capability.NOT_VALID_CONSTRAINTS,
                Capability.STATEMENT_TIMEOUT, Capability.STATEMENT_STATISTICS);
        if (version.isAtLeast(11, 0)) {
            caps.add(Capability.INCLUDE_COLUMNS);
        }
        if (version.isAtLeast(13, 0)) {
            caps.add(Capability.DROP_DATABASE_FORCE);
        }
        this.capabilities = Set.copyOf(caps);
    }

    @Override
    public DatabaseProduct product() {
        return DatabaseProduct.POSTGRESQL;
    }

    @Override
    public ServerVersion version() {
        return version;
    }

    @Override
    public String resourceFolder() {
        return "postgresql";
    }

    @Override
    public Set<Capability> capabilities() {
        return capabilities;
    }

    @Override
    public String quote(String identifier) {
        validateIdentifier(identifier);
        return Identifiers.isPlainLowerCase(identifier) && !isReservedWord(identifier)
                ? identifier : Identifiers.wrap(identifier, '"');
    }

    @Override
    public String quoteAlways(String identifier) {
        validateIdentifier(identifier);
        return Identifiers.wrap(identifier, '"');
    }

    @Override
    public void validateIdentifier(String identifier) {
        Identifiers.requireBasics(identifier, "PostgreSQL");
        int bytes = identifier.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_IDENTIFIER_BYTES) {
            throw new InvalidIdentifierException("Identifier " + Identifiers.display(identifier) + " is " + bytes
                    + " bytes in UTF-8; PostgreSQL keeps only " + MAX_IDENTIFIER_BYTES
                    + " and would silently truncate it (two long names could then collide): choose a shorter name");
        }
    }

    @Override
    public boolean isReservedWord(String word) {
        return ReservedWords.POSTGRESQL.contains(word.toLowerCase(Locale.ROOT));
    }

    @Override
    public int maxIdentifierLength() {
        return MAX_IDENTIFIER_BYTES;
    }

    @Override
    public IdentifierLengthUnit identifierLengthUnit() {
        return IdentifierLengthUnit.BYTES;
    }

    @Override
    public String foldUnquoted(String identifier) {
        return identifier.toLowerCase(Locale.ROOT);
    }

    @Override
    public String currentSchemaQuery() {
        return "SELECT current_schema()";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PostgresDialect other && version.equals(other.version);
    }

    @Override
    public int hashCode() {
        return version.hashCode();
    }

    @Override
    public String toString() {
        return "PostgreSQL " + version;
    }
}
