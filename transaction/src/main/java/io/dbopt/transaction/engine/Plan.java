package io.dbopt.transaction.engine;

import io.dbopt.transaction.Isolation;
import io.dbopt.transaction.RetryPolicy;
import io.dbopt.transaction.TransactionOptions;
import java.util.Optional;

/**
 * Everything decided about a transaction before its first attempt.
 *
 * @param options the caller's options
 * @param isolation the level the selector chose
 * @param isolationReason which rule chose it
 * @param tenant the tenant it runs as
 * @param policy the retry policy in force
 */
public record Plan(TransactionOptions options, Isolation isolation, String isolationReason, Optional<String> tenant,
            RetryPolicy policy) {

    /** The transaction's name. */
    public String name() {
        return options.name();
    }
}
