package io.dbopt.transaction;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * How one transaction runs: its name and tags (which the {@link IsolationLevelSelector} and the metrics use), an
 * explicit isolation level, read-only mode, time limits that apply to this transaction only, the tenant, the retry
 * policy and what happens inside an outer transaction.
 *
 * <p>Immutable: every method returns a copy, so a shared constant can be refined per call:
 * <pre>{@code
 * static final TransactionOptions TRANSFER = TransactionOptions.named("transfer")
 *         .isolation(Isolation.SERIALIZABLE).lockTimeout(Duration.ofSeconds(2));
 * manager.execute(TRANSFER.tenant("acme"), tx -> ...);
 * }</pre>
 * Unset values fall back to the manager's defaults: the isolation to the selector, the retry policy to the
 * manager's, the tenant to {@link TenantContext#current()}. Thread-safe.
 */
public final class TransactionOptions {

    /** Names and tags: letters, digits and {@code . _ - :}, 1 to 100 characters. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:\\-]{0,99}");
    private static final TransactionOptions DEFAULTS = new TransactionOptions("transaction", Set.of(), null, false,
            null, null, null, null, null, Propagation.REQUIRED);

    private final String name;
    private final Set<String> tags;
    private final Isolation isolation;
    private final boolean readOnly;
    private final Duration statementTimeout;
    private final Duration lockTimeout;
    private final Duration idleTimeout;
    private final String tenant;
    private final RetryPolicy retryPolicy;
    private final Propagation propagation;

    private TransactionOptions(String name, Set<String> tags, Isolation isolation, boolean readOnly,
                               Duration statementTimeout, Duration lockTimeout, Duration idleTimeout, String tenant,
                               RetryPolicy retryPolicy, Propagation propagation) {
        this.name = name;
        this.tags = Set.copyOf(tags);
        this.isolation = isolation;
        this.readOnly = readOnly;
        this.statementTimeout = statementTimeout;
        this.lockTimeout = lockTimeout;
        this.idleTimeout = idleTimeout;
        this.tenant = tenant;
        this.retryPolicy = retryPolicy;
        this.propagation = propagation;
    }

    /** Options with every value unset and the name {@code transaction}. */
    public static TransactionOptions defaults() {
        return DEFAULTS;
    }

    /**
     * Options for a named operation ({@code "transfer"}, {@code "checkout.place-order"}); the name selects an
     * isolation rule, tags metrics and appears in messages, so keep the set of names small and fixed.
     *
     * @throws IllegalArgumentException when the name is not 1-100 letters, digits or {@code . _ - :}
     */
    public static TransactionOptions named(String name) {
        return DEFAULTS.name(name);
    }

    /** A copy with another name; see {@link #named(String)}. */
    public TransactionOptions name(String value) {
        return new TransactionOptions(requireName(value, "Transaction name"), tags, isolation, readOnly,
                statementTimeout, lockTimeout, idleTimeout, tenant, retryPolicy, propagation);
    }

    /** A copy with a tag added (for isolation rules such as "every {@code reporting} transaction"). */
    public TransactionOptions tag(String value) {
        Set<String> more = new LinkedHashSet<>(tags);
        more.add(requireName(value, "Transaction tag"));
        return new TransactionOptions(name, more, isolation, readOnly, statementTimeout, lockTimeout, idleTimeout,
                tenant, retryPolicy, propagation);
    }

    /** A copy with an explicit isolation level, which wins over every selector rule. */
    public TransactionOptions isolation(Isolation value) {
        return new TransactionOptions(name, tags, Objects.requireNonNull(value, "isolation"), readOnly,
                statementTimeout, lockTimeout, idleTimeout, tenant, retryPolicy, propagation);
    }

    /** A copy that is read-only: the server rejects writes ({@code SET TRANSACTION ... READ ONLY}). */
    public TransactionOptions readOnly() {
        return readOnly(true);
    }

    /** A copy with read-only mode on or off. */
    public TransactionOptions readOnly(boolean value) {
        return new TransactionOptions(name, tags, isolation, value, statementTimeout, lockTimeout, idleTimeout,
                tenant, retryPolicy, propagation);
    }

    /**
     * A copy whose statements are each cancelled by the server after this long: PostgreSQL {@code SET LOCAL
     * statement_timeout}, MariaDB session {@code max_statement_time} restored afterwards. Millisecond precision.
     */
    public TransactionOptions statementTimeout(Duration value) {
        return new TransactionOptions(name, tags, isolation, readOnly, requirePositive(value, "statementTimeout"),
                lockTimeout, idleTimeout, tenant, retryPolicy, propagation);
    }

    /**
     * A copy whose lock waits fail after this long: PostgreSQL {@code SET LOCAL lock_timeout}, MariaDB session
     * {@code innodb_lock_wait_timeout} and {@code lock_wait_timeout} (whole seconds, rounded up, at least 1) restored
     * afterwards. A lock timeout is retried by the default policy.
     */
    public TransactionOptions lockTimeout(Duration value) {
        return new TransactionOptions(name, tags, isolation, readOnly, statementTimeout,
                requirePositive(value, "lockTimeout"), idleTimeout, tenant, retryPolicy, propagation);
    }

    /**
     * A copy whose session the server ends when it sits idle inside this transaction for this long: PostgreSQL
     * {@code SET LOCAL idle_in_transaction_session_timeout}, MariaDB session {@code idle_transaction_timeout} (whole
     * seconds, rounded up). The failure is reported as {@link io.dbopt.core.ErrorKind#IDLE_IN_TRANSACTION_TIMEOUT} on
     * both servers and is not retried.
     */
    public TransactionOptions idleTimeout(Duration value) {
        return new TransactionOptions(name, tags, isolation, readOnly, statementTimeout, lockTimeout,
                requirePositive(value, "idleTimeout"), tenant, retryPolicy, propagation);
    }

    /**
     * A copy that runs as this tenant: PostgreSQL {@code set_config('app.tenant_id', tenant, true)} for row-level
     * security policies, MariaDB a user variable cleared afterwards (names configurable on the manager).
     *
     * @throws TransactionException with {@link TransactionErrorCode#INVALID_TENANT} for a blank, over-long (256) or
     *     control-character id
     */
    public TransactionOptions tenant(String value) {
        return new TransactionOptions(name, tags, isolation, readOnly, statementTimeout, lockTimeout, idleTimeout,
                TenantContext.validate(value), retryPolicy, propagation);
    }

    /** A copy with its own retry policy instead of the manager's. */
    public TransactionOptions retry(RetryPolicy value) {
        return new TransactionOptions(name, tags, isolation, readOnly, statementTimeout, lockTimeout, idleTimeout,
                tenant, Objects.requireNonNull(value, "retryPolicy"), propagation);
    }

    /** A copy that is never retried. */
    public TransactionOptions noRetry() {
        return retry(RetryPolicy.none());
    }

    /** A copy with another behaviour inside an outer transaction. */
    public TransactionOptions propagation(Propagation value) {
        return new TransactionOptions(name, tags, isolation, readOnly, statementTimeout, lockTimeout, idleTimeout,
                tenant, retryPolicy, Objects.requireNonNull(value, "propagation"));
    }

    /** The name. */
    public String name() {
        return name;
    }

    /** The tags, possibly empty. */
    public Set<String> tags() {
        return tags;
    }

    /** The explicit isolation level, if one was set. */
    public Optional<Isolation> isolation() {
        return Optional.ofNullable(isolation);
    }

    /** Whether the transaction is read-only. */
    public boolean isReadOnly() {
        return readOnly;
    }

    /** The per-statement time limit, if set. */
    public Optional<Duration> statementTimeout() {
        return Optional.ofNullable(statementTimeout);
    }

    /** The lock wait limit, if set. */
    public Optional<Duration> lockTimeout() {
        return Optional.ofNullable(lockTimeout);
    }

    /** The idle-in-transaction limit, if set. */
    public Optional<Duration> idleTimeout() {
        return Optional.ofNullable(idleTimeout);
    }

    /** The explicit tenant, if set. */
    public Optional<String> tenant() {
        return Optional.ofNullable(tenant);
    }

    /** The explicit retry policy, if set. */
    public Optional<RetryPolicy> retryPolicy() {
        return Optional.ofNullable(retryPolicy);
    }

    /** The behaviour inside an outer transaction. */
    public Propagation propagation() {
        return propagation;
    }

    /** Whether any per-transaction time limit is set. */
    /** Whether any time limit (statement, lock, idle) is set. */
    public boolean hasTimeouts() {
        return statementTimeout != null || lockTimeout != null || idleTimeout != null;
    }

    private static String requireName(String value, String what) {
        if (value == null || !NAME.matcher(value).matches()) {
            throw new IllegalArgumentException(what + " '" + value + "' must be 1-100 letters, digits or . _ - : "
                    + "and start with a letter or digit");
        }
        return value;
    }

    private static Duration requirePositive(Duration value, String what) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(what + " must be positive, was " + value
                    + "; leave it unset for the server's setting");
        }
        if (value.toMillis() < 1) {
            throw new IllegalArgumentException(what + " " + value + " is below the servers' 1 ms resolution");
        }
        return value;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("TransactionOptions[").append(name);
        if (!tags.isEmpty()) {
            sb.append(", tags=").append(tags);
        }
        if (isolation != null) {
            sb.append(", ").append(isolation);
        }
        if (readOnly) {
            sb.append(", read-only");
        }
        statementTimeout().ifPresent(d -> sb.append(", statementTimeout=").append(d.toMillis()).append("ms"));
        lockTimeout().ifPresent(d -> sb.append(", lockTimeout=").append(d.toMillis()).append("ms"));
        idleTimeout().ifPresent(d -> sb.append(", idleTimeout=").append(d.toMillis()).append("ms"));
        if (tenant != null) {
            sb.append(", tenant set"); // the id itself may be sensitive
        }
        if (propagation != Propagation.REQUIRED) {
            sb.append(", ").append(propagation);
        }
        return sb.append(']').toString();
    }
}
