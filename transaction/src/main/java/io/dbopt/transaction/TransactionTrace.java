package io.dbopt.transaction;

import io.dbopt.core.DatabaseProduct;
import java.util.List;
import java.util.Objects;

/**
 * The statements one committed transaction ran, in order, with the level it ran at: what the
 * {@link IsolationAdvisor} analyses. {@link TransactionManager} and {@link IsolationAdvisor#wrap} build these; a
 * statement recorder of another module (the query profiler) can build them too and pass them to
 * {@link IsolationAdvisor#observe(TransactionTrace)}.
 *
 * @param name the transaction's name, or the application method that committed it
 * @param isolation the level it ran at
 * @param product the server it ran on (what a level allows differs between servers)
 * @param statements its SQL texts, with parameters as placeholders, in execution order
 */
public record TransactionTrace(String name, Isolation isolation, DatabaseProduct product, List<String> statements) {

    /** Validates and copies. */
    public TransactionTrace {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(isolation, "isolation");
        Objects.requireNonNull(product, "product");
        statements = List.copyOf(statements);
    }
}
