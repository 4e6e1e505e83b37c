package io.dbopt.transaction;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * The tenant of the work running on the current thread, picked up by every {@link TransactionManager} transaction
 * that does not name a tenant in its {@link TransactionOptions}.
 *
 * <pre>{@code
 * TenantContext.runAs("acme", () -> manager.run(tx -> ...));   // the transaction runs as tenant acme
 * }</pre>
 *
 * The tenant is bound for the duration of the call only and the previous one (usually none) is restored afterwards,
 * also when the call throws, so a tenant never outlives the request that set it. The binding is per thread: work
 * handed to another thread must bind the tenant there again. Tenant ids are 1 to 256 characters without control
 * characters; they are data, always bound as values, never written into SQL text or metrics tags beyond the
 * manager's bounded tenant tag.
 */
public final class TenantContext {

    /** The longest tenant id accepted. */
    public static final int MAX_LENGTH = 256;

    private static final ThreadLocal<String> CURRENT = new ThreadLocal<>();

    private TenantContext() {
    }

    /** The tenant bound to the current thread, if any. */
    public static Optional<String> current() {
        return Optional.ofNullable(CURRENT.get());
    }

    /**
     * Runs {@code work} with {@code tenant} bound to the current thread.
     *
     * @throws TransactionException with {@link TransactionErrorCode#INVALID_TENANT} for an unusable id
     */
    public static void runAs(String tenant, Runnable work) {
        callAs(tenant, () -> {
            work.run();
            return null;
        });
    }

    /**
     * Calls {@code work} with {@code tenant} bound to the current thread and returns its result.
     *
     * @throws TransactionException with {@link TransactionErrorCode#INVALID_TENANT} for an unusable id
     */
    public static <T> T callAs(String tenant, Supplier<T> work) {
        String valid = validate(tenant);
        String previous = CURRENT.get();
        CURRENT.set(valid);
        try {
            return work.get();
        } finally {
            if (previous == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(previous);
            }
        }
    }

    static String validate(String tenant) {
        if (tenant == null || tenant.isBlank()) {
            throw new TransactionException(TransactionErrorCode.INVALID_TENANT,
                    "Tenant id is " + (tenant == null ? "null" : "blank") + ": pass the tenant's id");
        }
        if (tenant.length() > MAX_LENGTH) {
            throw new TransactionException(TransactionErrorCode.INVALID_TENANT, "Tenant id is " + tenant.length()
                    + " characters long; at most " + MAX_LENGTH + " are accepted: use a shorter key");
        }
        for (int i = 0; i < tenant.length(); i++) {
            if (Character.isISOControl(tenant.charAt(i))) {
                throw new TransactionException(TransactionErrorCode.INVALID_TENANT, "Tenant id contains control "
                        + "character U+" + String.format("%04X", (int) tenant.charAt(i)) + " at index " + i
                        + ": tenant ids must be printable");
            }
        }
        return tenant;
    }
}
