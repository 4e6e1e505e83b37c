package io.dbopt.pool;

import java.time.Duration;
import java.util.Objects;

/**
 * How the {@link AdaptivePoolSizer} decides. The pool moves between {@code pool_size} and
 * {@code pool_size + max_overflow}; this policy says how fast and on which evidence. Build one with
 * {@link #builder()}; {@link #defaults()} suits web applications. Immutable.
 *
 * @param interval how often the sizer looks at the pool
 * @param targetAcquireTime acquire time (95th percentile over one interval) above which borrowers count as waiting
 * @param growAfter how many consecutive intervals of waiting it takes to grow
 * @param growCooldown the least time between a resize and the next growth
 * @param shrinkAfter how long connections must sit idle (the peak in use stays below the size) before shrinking
 * @param shrinkCooldown the least time between a resize and the next shrink
 * @param maxResizesPerMinute the most resizes in any minute, so the pool cannot oscillate quickly
 * @param saturationQueue how many borrowers may be queueing inside the database (estimated from how much longer
 *     connections are held than at the best observed hold time) for the pool still to double while as many
 *     borrowers wait as are lent (slow start); above it, it grows by a quarter
 * @param spareConnections connections kept above the observed peak when shrinking
 * @param serverRefresh how old the server's view (sessions, limit) may be when growth is planned
 * @param probeAfter after growths did not raise throughput (and were undone, halving the step down to a quarter of
 *     the size), how long the pool stays at its size before it tries growing again
 */
public record SizingPolicy(Duration interval, Duration targetAcquireTime, int growAfter, Duration growCooldown,
                           Duration shrinkAfter, Duration shrinkCooldown, int maxResizesPerMinute,
                           double saturationQueue, int spareConnections, Duration serverRefresh,
                           Duration probeAfter) {

    /** Validates every value, naming the bad one. */
    public SizingPolicy {
        positive("interval", interval);
        positive("targetAcquireTime", targetAcquireTime);
        atLeast("growAfter", growAfter, 1);
        notNegative("growCooldown", growCooldown);
        positive("shrinkAfter", shrinkAfter);
        notNegative("shrinkCooldown", shrinkCooldown);
        atLeast("maxResizesPerMinute", maxResizesPerMinute, 1);
        if (!(saturationQueue > 0) || Double.isInfinite(saturationQueue)) {
            throw invalid("saturationQueue", saturationQueue, "a positive number such as 2.0");
        }
        atLeast("spareConnections", spareConnections, 0);
        positive("serverRefresh", serverRefresh);
        positive("probeAfter", probeAfter);
    }

    /** The defaults: look every 500 ms, grow after 2 waiting intervals, shrink after 30 s idle. */
    public static SizingPolicy defaults() {
        return builder().build();
    }

    /** Starts a policy from the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    private static void positive(String name, Duration d) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw invalid(name, d, "a positive duration");
        }
    }

    private static void notNegative(String name, Duration d) {
        Objects.requireNonNull(d, name);
        if (d.isNegative()) {
            throw invalid(name, d, "zero or a positive duration");
        }
    }

    private static void atLeast(String name, int value, int least) {
        if (value < least) {
            throw invalid(name, value, "at least " + least);
        }
    }

    private static PoolException invalid(String name, Object value, String expected) {
        return new PoolException(PoolErrorCode.INVALID_CONFIGURATION,
                "Sizing policy " + name + " = " + value + " is not valid: use " + expected);
    }

    /** Builds a {@link SizingPolicy}; each setter validates at once. Not thread-safe. */
    public static final class Builder {
        private Duration interval = Duration.ofMillis(500);
        private Duration targetAcquireTime = Duration.ofMillis(10);
        private int growAfter = 2;
        private Duration growCooldown = Duration.ofMillis(500);
        private Duration shrinkAfter = Duration.ofSeconds(30);
        private Duration shrinkCooldown = Duration.ofSeconds(10);
        private int maxResizesPerMinute = 30;
        private double saturationQueue = 3.0;
        private int spareConnections = 1;
        private Duration serverRefresh = Duration.ofSeconds(5);
        private Duration probeAfter = Duration.ofSeconds(10);

        private Builder() {
        }

        /** How often the sizer looks at the pool; default 500 ms. */
        public Builder interval(Duration value) {
            positive("interval", value);
            this.interval = value;
            return this;
        }

        /** The acquire time (p95 per interval) above which borrowers count as waiting; default 10 ms. */
        public Builder targetAcquireTime(Duration value) {
            positive("targetAcquireTime", value);
            this.targetAcquireTime = value;
            return this;
        }

        /** Consecutive waiting intervals before growing; default 2. */
        public Builder growAfter(int intervals) {
            atLeast("growAfter", intervals, 1);
            this.growAfter = intervals;
            return this;
        }

        /** Least time between a resize and the next growth; default 500 ms. */
        public Builder growCooldown(Duration value) {
            notNegative("growCooldown", value);
            this.growCooldown = value;
            return this;
        }

        /** How long connections must sit idle before shrinking; default 30 s. */
        public Builder shrinkAfter(Duration value) {
            positive("shrinkAfter", value);
            this.shrinkAfter = value;
            return this;
        }

        /** Least time between a resize and the next shrink; default 10 s. */
        public Builder shrinkCooldown(Duration value) {
            notNegative("shrinkCooldown", value);
            this.shrinkCooldown = value;
            return this;
        }

        /** The most resizes in any minute; default 30. */
        public Builder maxResizesPerMinute(int value) {
            atLeast("maxResizesPerMinute", value, 1);
            this.maxResizesPerMinute = value;
            return this;
        }

        /** Estimated borrowers queueing inside the database below which the pool may still double; default 3. */
        public Builder saturationQueue(double value) {
            if (!(value > 0) || Double.isInfinite(value)) {
                throw invalid("saturationQueue", value, "a positive number such as 2.0");
            }
            this.saturationQueue = value;
            return this;
        }

        /** Connections kept above the observed peak when shrinking; default 1. */
        public Builder spareConnections(int value) {
            atLeast("spareConnections", value, 0);
            this.spareConnections = value;
            return this;
        }

        /** How old the server's view may be when growth is planned; default 5 s. */
        public Builder serverRefresh(Duration value) {
            positive("serverRefresh", value);
            this.serverRefresh = value;
            return this;
        }

        /** How long the pool stays at its size after a growth did not raise throughput; default 10 s. */
        public Builder probeAfter(Duration value) {
            positive("probeAfter", value);
            this.probeAfter = value;
            return this;
        }

        /** Builds the policy; the builder stays usable. */
        public SizingPolicy build() {
            return new SizingPolicy(interval, targetAcquireTime, growAfter, growCooldown, shrinkAfter,
                    shrinkCooldown, maxResizesPerMinute, saturationQueue, spareConnections, serverRefresh, probeAfter);
        }
    }
}
