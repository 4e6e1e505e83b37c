package io.dbopt.migration.lint;

import io.dbopt.migration.script.Ddl;
import java.util.Optional;
import java.util.Set;

/**
 * PostgreSQL statements that refuse to run inside a transaction block (SQLSTATE 25001): the CONCURRENTLY forms and
 * a few maintenance and cluster-level commands. Flyway runs a script holding one without a transaction, and refuses
 * a script that mixes one with other statements. Stateless.
 */
final class NonTransactional {

    private static final Set<String> COMMANDS = Set.of("CREATE DATABASE", "CREATE TABLESPACE", "ALTER SYSTEM",
            "DROP TABLESPACE", "CREATE SUBSCRIPTION", "DROP SUBSCRIPTION");

    private NonTransactional() {
    }

    /** The CONCURRENTLY statement this is, e.g. {@code CREATE INDEX CONCURRENTLY}, if it is one. */
    static Optional<String> concurrently(Ddl ddl) {
        if (ddl instanceof Ddl.CreateIndex ci && ci.concurrently()) {
            return Optional.of("CREATE INDEX CONCURRENTLY");
        }
        if (ddl instanceof Ddl.Drop d && d.concurrently()) {
            return Optional.of("DROP INDEX CONCURRENTLY");
        }
        if (ddl instanceof Ddl.Reindex r && r.concurrently()) {
            return Optional.of("REINDEX CONCURRENTLY");
        }
        if (ddl instanceof Ddl.AlterTable at && at.actions().stream().anyMatch(a -> a instanceof Ddl.DetachPartition d
                && d.option().filter("CONCURRENTLY"::equals).isPresent())) {
            return Optional.of("DETACH PARTITION CONCURRENTLY");
        }
        return Optional.empty();
    }

    /** The other command refused in a transaction block this is ({@code VACUUM}, {@code CREATE DATABASE}, ...). */
    static Optional<String> other(Ddl ddl) {
        if (ddl instanceof Ddl.Vacuum) {
            return Optional.of("VACUUM");
        }
        if (ddl instanceof Ddl.Drop d && (d.kind() == Ddl.ObjectKind.DATABASE || d.objectType().equals("TABLESPACE")
                || d.objectType().equals("SUBSCRIPTION"))) {
            return Optional.of(d.command());
        }
        return COMMANDS.contains(ddl.command()) ? Optional.of(ddl.command()) : Optional.empty();
    }

    /** Whether PostgreSQL refuses the statement inside a transaction block. */
    static boolean refusedInTransaction(Ddl ddl) {
        return concurrently(ddl).isPresent() || other(ddl).isPresent();
    }
}
