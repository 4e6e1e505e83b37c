package io.dbopt.migration.lint;

/**
 * How the migration runner wraps a script in transactions, which decides what a statement can lock, what runs
 * together and what can be re-run. In both models the script's own {@code BEGIN} / {@code COMMIT} / {@code ROLLBACK}
 * open and end transactions exactly as the server would. Applies to PostgreSQL; MariaDB commits DDL implicitly.
 */
public enum TransactionModel {

    /**
     * The runner runs each file in one transaction (Flyway, Liquibase, Rails, Django; squawk's
     * {@code --assume-in-transaction}). Like Flyway, a file holding a statement PostgreSQL refuses inside a
     * transaction ({@code CREATE INDEX CONCURRENTLY}, {@code VACUUM}, ...) runs without one; a Flyway
     * {@code <script>.conf} with {@code executeInTransaction=false} does the same for its script.
     */
    PER_FILE,

    /**
     * The runner sends each statement on its own, in autocommit (psql {@code -f}, golang-migrate, a Flyway script
     * with {@code executeInTransaction=false}); transactions are the ones the file writes itself (squawk's default).
     */
    NONE
}
