package io.dbopt.query.cache;

import java.time.Duration;
import java.util.Set;
import java.util.function.BiConsumer;

/** The one place that loads the Lettuce-based tier, so that Lettuce stays an optional dependency. */
final class RedisSupport {

    private RedisSupport() {
    }

    static SharedTier connect(String name, String uri, String prefix, Duration timeout,
                              BiConsumer<Set<String>, Boolean> onRemote) {
        try {
            Class.forName("io.lettuce.core.RedisClient", false, RedisSupport.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("The Redis tier needs Lettuce: add io.lettuce:lettuce-core to the "
                    + "application, or build the cache without redis(...)", e);
        }
        return new RedisTier(name, uri, prefix, timeout, onRemote);
    }
}
