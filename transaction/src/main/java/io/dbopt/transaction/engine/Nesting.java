package io.dbopt.transaction.engine;

import io.dbopt.core.ErrorKind;
import io.dbopt.core.SqlErrors;
import io.dbopt.transaction.Propagation;
import io.dbopt.transaction.RetryPolicy;
import io.dbopt.transaction.TenantContext;
import io.dbopt.transaction.Transaction;
import io.dbopt.transaction.TransactionCallback;
import io.dbopt.transaction.TransactionErrorCode;
import io.dbopt.transaction.TransactionException;
import io.dbopt.transaction.TransactionOptions;
import java.sql.SQLException;
import java.util.Optional;

/**
 * Work started inside an outer transaction of the same data source joins it: it never opens a second connection
 * and never retries on its own, because re-running only the inner part would build on an outer transaction the
 * server may already have rolled back (MariaDB deadlock) or aborted (PostgreSQL). A failure marks the outer
 * transaction as doomed, so the outer one rolls back and, when the error is retryable, runs again as a whole.
 */
final class Nesting {

    private Nesting() {
    }

    static <T> T join(ActiveTransactions.Frame outer, TransactionOptions options, TransactionCallback<T> work) {
        Plan plan = outer.plan();
        String outerName = plan.name();
        if (options.retryPolicy().map(RetryPolicy::retries).orElse(false)) {
            throw new TransactionException(TransactionErrorCode.RETRY_INSIDE_OUTER_TRANSACTION, "Transaction '"
                    + options.name() + "' asks for retries but runs inside transaction '" + outerName + "': only the "
                    + "outermost transaction may retry, since re-running the inner part alone would repeat it on top "
                    + "of a rolled-back or aborted outer transaction. Remove retry(...) from the inner options; the "
                    + "outer transaction retries as a whole");
        }
        conflict(options, plan).ifPresent(what -> {
            throw new TransactionException(TransactionErrorCode.NESTED_OPTIONS_CONFLICT, "Transaction '"
                    + options.name() + "' runs inside transaction '" + outerName + "' but asks for " + what
                    + ": nested work shares the outer transaction, so set it on the outer one or run the inner "
                    + "work outside it");
        });
        AttemptTransaction view = outer.transaction().nestedView(options.name());
        try {
            if (options.propagation() == Propagation.NESTED) {
                return view.savepoint(work);
            }
            return work.execute(view);
        } catch (SQLException e) {
            if (options.propagation() == Propagation.REQUIRED) {
                view.state().nestedFailed(e);
            }
            ErrorKind kind = SqlErrors.classify(e);
            throw new TransactionException(TransactionErrorCode.TRANSACTION_FAILED, "Nested work '" + options.name()
                    + "' in transaction '" + outerName + "' failed with " + kind
                    + SqlErrors.sqlState(e).map(s -> " (SQLState " + s + ")").orElse("")
                    + (options.propagation() == Propagation.REQUIRED || kind.retryable()
                    ? "; the outer transaction will roll back" + (kind.retryable() ? " and retry as a whole" : "")
                    : "; rolled back to its savepoint"), e);
        } catch (RuntimeException | Error e) {
            if (options.propagation() == Propagation.REQUIRED) {
                view.state().nestedFailed(e);
            }
            throw e;
        }
    }

    private static Optional<String> conflict(TransactionOptions inner, Plan outer) {
        if (inner.isolation().isPresent() && inner.isolation().get() != outer.isolation()) {
            return Optional.of(inner.isolation().get() + " while the outer one runs at " + outer.isolation());
        }
        if (inner.isReadOnly() && !outer.options().isReadOnly()) {
            return Optional.of("read-only mode while the outer one writes");
        }
        Optional<String> tenant = inner.tenant().or(TenantContext::current);
        if (tenant.isPresent() && !tenant.equals(outer.tenant())) {
            return Optional.of("another tenant than the outer one");
        }
        if (differs(inner.statementTimeout(), outer.options().statementTimeout())
                || differs(inner.lockTimeout(), outer.options().lockTimeout())
                || differs(inner.idleTimeout(), outer.options().idleTimeout())) {
            return Optional.of("other time limits than the outer one");
        }
        return Optional.empty();
    }

    private static <V> boolean differs(Optional<V> inner, Optional<V> outer) {
        return inner.isPresent() && !inner.equals(outer);
    }
}
