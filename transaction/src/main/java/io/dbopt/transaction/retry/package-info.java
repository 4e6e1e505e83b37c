/** Backoff between transaction attempts: exponential ceilings with full jitter, from a {@code RetryPolicy}. */
package io.dbopt.transaction.retry;
