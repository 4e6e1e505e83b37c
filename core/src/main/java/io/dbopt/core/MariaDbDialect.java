package io.dbopt.core;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * MariaDB, and MySQL 8 where the two agree: backtick-quoted identifiers of at most 64 characters from the Basic
 * Multilingual Plane, non-transactional DDL, online ALTER. Features only MariaDB has fail on MySQL through
 * {@link #requireMariaDb(String)} with an "unsupported" error rather than a wrong answer.
 */
public final class MariaDbDialect implements Dialect {

    /** NAME_CHAR_LEN. */
    public static final int MAX_IDENTIFIER_CHARS = 64;

    private final DatabaseProduct product;
    private final ServerVersion version;
    private final Set<Capability> capabilities;

    MariaDbDialect(DatabaseProduct product, ServerVersion version) {
        if (product == DatabaseProduct.POSTGRESQL) {
            throw new IllegalArgumentException("MariaDbDialect serves MariaDB and MySQL, not " + product);
        }
        this.product = product;
        this.version = version;
        EnumSet<Capability> caps = EnumSet.of(Capability.ONLINE_ALTER, Capability.EXPLAIN_JSON,
                Capability.EXPLAIN_ANALYZE, Capability.CHECK_CONSTRAINTS, Capability.STATEMENT_TIMEOUT,
                Capability.STATEMENT_STATISTICS);
        if (product == DatabaseProduct.MARIADB) {
            caps.add(Capability.SEQUENCES);
            caps.add(Capability.RETURNING);
            if (version.isAtLeast(10, 6)) {
                caps.add(Capability.IGNORED_INDEX);
                caps.add(Capability.SKIP_LOCKED);
            }
        } else {
            caps.add(Capability.IGNORED_INDEX);
            caps.add(Capability.SKIP_LOCKED);
            if (version.isAtLeast(8, 0, 13)) {
                caps.add(Capability.EXPRESSION_INDEX);
            }
        }
        this.capabilities = Set.copyOf(caps);
    }

    @Override
    public DatabaseProduct product() {
        return product;
    }

    @Override
    public ServerVersion version() {
        return version;
    }

    /** Whether the server is MySQL rather than MariaDB. */
    public boolean isMySql() {
        return product == DatabaseProduct.MYSQL;
    }

    /**
     * Fails with an {@link UnsupportedDatabaseException} when the server is MySQL, for features whose catalog or
     * syntax exists only on MariaDB.
     *
     * @param feature what the caller wanted to do, e.g. {@code "IGNORED index what-if"}
     */
    public void requireMariaDb(String feature) {
        if (isMySql()) {
            throw new UnsupportedDatabaseException(feature + " is implemented for MariaDB only; MySQL " + version
                    + " differs here. Run it against MariaDB or leave this feature out");
        }
    }

    @Override
    public String resourceFolder() {
        return "mariadb";
    }

    @Override
    public Set<Capability> capabilities() {
        return capabilities;
    }

    @Override
    public String quote(String identifier) {
        validateIdentifier(identifier);
        return Identifiers.isPlainMixedCase(identifier) && !isReservedWord(identifier)
                ? identifier : Identifiers.wrap(identifier, '`');
    }

    @Override
    public String quoteAlways(String identifier) {
        validateIdentifier(identifier);
        return Identifiers.wrap(identifier, '`');
    }

    @Override
    public void validateIdentifier(String identifier) {
        Identifiers.requireBasics(identifier, product.displayName());
        int chars = identifier.codePointCount(0, identifier.length());
        if (chars > MAX_IDENTIFIER_CHARS) {
            throw new InvalidIdentifierException("Identifier " + Identifiers.display(identifier) + " is " + chars
                    + " characters; " + product.displayName() + " allows at most " + MAX_IDENTIFIER_CHARS
                    + ": choose a shorter name");
        }
        for (int i = 0; i < identifier.length(); ) {
            int cp = identifier.codePointAt(i);
            if (cp > 0xFFFF) {
                throw new InvalidIdentifierException("Identifier " + Identifiers.display(identifier)
                        + " contains U+" + Integer.toHexString(cp).toUpperCase(Locale.ROOT) + "; "
                        + product.displayName() + " identifiers are limited to the Basic Multilingual Plane: "
                        + "remove characters such as emoji");
            }
            i += Character.charCount(cp);
        }
        if (Character.isWhitespace(identifier.charAt(identifier.length() - 1))) {
            throw new InvalidIdentifierException("Identifier " + Identifiers.display(identifier)
                    + " ends with white space, which " + product.displayName()
                    + " does not allow in table and column names: trim it");
        }
    }

    @Override
    public boolean isReservedWord(String word) {
        return ReservedWords.MARIADB.contains(word.toLowerCase(Locale.ROOT));
    }

    @Override
    public int maxIdentifierLength() {
        return MAX_IDENTIFIER_CHARS;
    }

    @Override
    public IdentifierLengthUnit identifierLengthUnit() {
        return IdentifierLengthUnit.CHARACTERS;
    }

    @Override
    public String foldUnquoted(String identifier) {
        return identifier;
    }

    @Override
    public String currentSchemaQuery() {
        return "SELECT DATABASE()";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MariaDbDialect other && product == other.product && version.equals(other.version);
    }

    @Override
    public int hashCode() {
        return product.hashCode() * 31 + version.hashCode();
    }

    @Override
    public String toString() {
        return product.displayName() + " " + version;
    }
}
