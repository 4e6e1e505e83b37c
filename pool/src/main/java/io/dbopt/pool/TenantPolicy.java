package io.dbopt.pool;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Per-tenant limits on the shared pool: how many connections one tenant may hold at once, how long a tenant at its
 * limit may wait for one of its own connections to come back before it gets a
 * {@link AcquireFailure#TENANT_LIMIT_EXCEEDED} error, and how many tenants get metrics of their own. Immutable.
 *
 * @param defaultShare the share of the pool's current maximum any tenant without an explicit limit may hold
 *     (0 < share <= 1; at least one connection)
 * @param limits explicit limits in connections for named tenants
 * @param maxWait how long a tenant at its limit waits before the error; zero rejects at once
 * @param trackedTenants how many tenants get their own metric tags (the explicitly limited ones first, then the
 *     first seen); the rest are reported together as {@code other}
 */
public record TenantPolicy(double defaultShare, Map<String, Integer> limits, Duration maxWait, int trackedTenants) {

    /** The tag under which untracked tenants are reported. */
    public static final String OTHER = "other";

    /** Validates and copies. */
    public TenantPolicy {
        if (!(defaultShare > 0 && defaultShare <= 1)) {
            throw invalid("defaultShare = " + defaultShare, "a fraction above 0 and at most 1, such as 0.5");
        }
        limits = Map.copyOf(limits);
        limits.forEach((tenant, limit) -> {
            validateTenant(tenant);
            if (limit < 1) {
                throw invalid("limit for tenant '" + tenant + "' = " + limit, "at least 1 connection");
            }
        });
        Objects.requireNonNull(maxWait, "maxWait");
        if (maxWait.isNegative()) {
            throw invalid("maxWait = " + maxWait, "zero or a positive duration");
        }
        if (trackedTenants < 0 || trackedTenants > 1000) {
            throw invalid("trackedTenants = " + trackedTenants, "between 0 and 1000 (metric tags must stay few)");
        }
    }

    /** Starts a policy: half the pool per tenant, reject at once, 20 tracked tenants. */
    public static Builder builder() {
        return new Builder();
    }

    /** The limit of a tenant when the pool's maximum is {@code poolMax}: its explicit limit, else its share. */
    public int limitFor(String tenant, int poolMax) {
        Integer explicit = limits.get(tenant);
        if (explicit != null) {
            return explicit;
        }
        return Math.max(1, (int) Math.floor(poolMax * defaultShare));
    }

    /**
     * Checks a tenant id.
     *
     * @throws PoolException with {@link PoolErrorCode#INVALID_CONFIGURATION} when it is blank, longer than 128
     *     characters or contains control characters
     */
    public static void validateTenant(String tenant) {
        if (tenant == null || tenant.isBlank()) {
            throw new PoolException(PoolErrorCode.INVALID_CONFIGURATION,
                    "A tenant id must not be blank: pass the id your application uses for the tenant");
        }
        if (tenant.length() > 128) {
            throw new PoolException(PoolErrorCode.INVALID_CONFIGURATION, "Tenant id '" + tenant.substring(0, 32)
                    + "...' is " + tenant.length() + " characters long: use an id of at most 128");
        }
        for (int i = 0; i < tenant.length(); i++) {
            if (Character.isISOControl(tenant.charAt(i))) {
                throw new PoolException(PoolErrorCode.INVALID_CONFIGURATION,
                        "Tenant id contains a control character at position " + i + ": remove it");
            }
        }
    }

    private static PoolException invalid(String what, String expected) {
        return new PoolException(PoolErrorCode.INVALID_CONFIGURATION,
                "Tenant policy " + what + " is not valid: use " + expected);
    }

    /** Builds a {@link TenantPolicy}; setters validate at once. Not thread-safe. */
    public static final class Builder {
        private double defaultShare = 0.5;
        private final Map<String, Integer> limits = new LinkedHashMap<>();
        private Duration maxWait = Duration.ZERO;
        private int trackedTenants = 20;

        private Builder() {
        }

        /** The share of the pool's current maximum a tenant may hold unless limited explicitly; default 0.5. */
        public Builder defaultShare(double share) {
            if (!(share > 0 && share <= 1)) {
                throw invalid("defaultShare = " + share, "a fraction above 0 and at most 1, such as 0.5");
            }
            this.defaultShare = share;
            return this;
        }

        /** An explicit limit in connections for one tenant. */
        public Builder limit(String tenant, int connections) {
            validateTenant(tenant);
            if (connections < 1) {
                throw invalid("limit for tenant '" + tenant + "' = " + connections, "at least 1 connection");
            }
            limits.put(tenant, connections);
            return this;
        }

        /** How long a tenant at its limit waits before the error; default zero (reject at once). */
        public Builder maxWait(Duration value) {
            Objects.requireNonNull(value, "maxWait");
            if (value.isNegative()) {
                throw invalid("maxWait = " + value, "zero or a positive duration");
            }
            this.maxWait = value;
            return this;
        }

        /** How many tenants get their own metric tags; default 20. */
        public Builder trackedTenants(int count) {
            if (count < 0 || count > 1000) {
                throw invalid("trackedTenants = " + count, "between 0 and 1000 (metric tags must stay few)");
            }
            this.trackedTenants = count;
            return this;
        }

        /** Builds the policy; the builder stays usable. */
        public TenantPolicy build() {
            return new TenantPolicy(defaultShare, limits, maxWait, trackedTenants);
        }
    }
}
