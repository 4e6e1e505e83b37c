package io.dbopt.query.cache;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbopt.core.DbOptException;
import io.dbopt.core.Redaction;
import io.dbopt.query.QueryErrorCode;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.KeyValue;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The shared tier on Redis through Lettuce: entries under {@code <prefix>e:<sha256>}, table generations under
 * {@code <prefix>g:<table>}, invalidations announced on channel {@code <prefix>invalidations} so that other
 * instances drop their in-process entries. One connection for commands (in order, so an invalidation sent
 * asynchronously is seen by the next read from this instance) and one for the subscription. Loaded only when the
 * cache is configured with Redis, so Lettuce stays optional. Thread-safe.
 */
final class RedisTier implements SharedTier {

    private static final Logger LOG = LoggerFactory.getLogger(RedisTier.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String name;
    private final String prefix;
    private final String channel;
    private final String instance = UUID.randomUUID().toString();
    private final RedisClient client;
    private final StatefulRedisConnection<String, String> connection;
    private final StatefulRedisPubSubConnection<String, String> subscription;

    /**
     * Connects and subscribes.
     *
     * @param onRemote called with (tables, allTables) when another instance invalidates
     * @throws DbOptException with {@link QueryErrorCode#REDIS_UNAVAILABLE} when Redis cannot be reached
     */
    RedisTier(String name, String uri, String prefix, Duration timeout, BiConsumer<Set<String>, Boolean> onRemote) {
        this.name = name;
        this.prefix = prefix;
        this.channel = prefix + "invalidations";
        RedisClient created = null;
        StatefulRedisConnection<String, String> commands = null;
        try {
            RedisURI target = RedisURI.create(uri);
            target.setTimeout(timeout);
            created = RedisClient.create(target);
            commands = created.connect();
            StatefulRedisPubSubConnection<String, String> sub = created.connectPubSub();
            sub.addListener(new RedisPubSubAdapter<>() {
                @Override
                public void message(String ch, String message) {
                    received(message, onRemote);
                }
            });
            sub.sync().subscribe(channel);
            this.client = created;
            this.connection = commands;
            this.subscription = sub;
        } catch (RedisException e) {
            DbOptException failure = unavailable("connecting to " + Redaction.redactUrl(uri), e);
            if (commands != null) {
                commands.close();
            }
            if (created != null) {
                created.shutdown(Duration.ZERO, Duration.ofSeconds(1));
            }
            throw failure;
        }
    }

    private DbOptException unavailable(String what, RuntimeException e) {
        return new DbOptException(QueryErrorCode.REDIS_UNAVAILABLE, "Redis failed while " + what + " ("
                + e.getClass().getSimpleName() + "): check that Redis runs and the URI is right", e);
    }

    private void received(String message, BiConsumer<Set<String>, Boolean> onRemote) {
        try {
            JsonNode m = JSON.readTree(message);
            if (instance.equals(m.path("from").asText())) {
                return;
            }
            Set<String> tables = new HashSet<>();
            m.path("tables").forEach(t -> tables.add(t.asText()));
            onRemote.accept(tables, m.path("all").asBoolean(false));
        } catch (JsonProcessingException | RuntimeException e) {
            LOG.warn("{} - ignoring an invalidation message that is not dbopt's on {}: {}", name, channel,
                    e.toString());
        }
    }

    private RedisCommands<String, String> sync() {
        return connection.sync();
    }

    @Override
    public Optional<ResultCodec.SharedEntry> get(String key) {
        String json;
        try {
            json = sync().get(prefix + "e:" + key);
        } catch (RedisException e) {
            throw unavailable("reading an entry", e);
        }
        return json == null ? Optional.empty() : Optional.of(ResultCodec.decode(json));
    }

    @Override
    public Map<String, Long> generations(List<String> tables) {
        List<String> names = new ArrayList<>(tables);
        names.add(ALL_TABLES);
        String[] keys = names.stream().map(t -> prefix + "g:" + t).toArray(String[]::new);
        List<KeyValue<String, String>> values;
        try {
            values = sync().mget(keys);
        } catch (RedisException e) {
            throw unavailable("reading table generations", e);
        }
        Map<String, Long> result = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            KeyValue<String, String> kv = values.get(i);
            result.put(names.get(i), kv.hasValue() ? Long.parseLong(kv.getValue()) : 0L);
        }
        return result;
    }

    @Override
    public void put(String key, String json, Duration ttl) {
        try {
            sync().set(prefix + "e:" + key, json, SetArgs.Builder.px(Math.max(1, ttl.toMillis())));
        } catch (RedisException e) {
            throw unavailable("storing an entry", e);
        }
    }

    @Override
    public void invalidate(Set<String> tables, boolean allTables) {
        RedisAsyncCommands<String, String> async = connection.async();
        List<String> names = allTables ? List.of(ALL_TABLES) : new ArrayList<>(tables);
        for (String table : names) {
            async.incr(prefix + "g:" + table).exceptionally(e -> {
                LOG.error("{} - could not invalidate table {} in Redis ({}): other instances may serve its "
                        + "cached rows until they expire", name, table, e.toString());
                return null;
            });
        }
        ObjectNode message = JSON.createObjectNode().put("from", instance).put("all", allTables);
        names.forEach(message.putArray("tables")::add);
        async.publish(channel, message.toString()).exceptionally(e -> {
            LOG.warn("{} - could not announce an invalidation on {}: {}", name, channel, e.toString());
            return null;
        });
    }

    @Override
    public void clear() {
        try {
            ScanCursor cursor = ScanCursor.INITIAL;
            ScanArgs match = ScanArgs.Builder.matches(prefix + "*").limit(500);
            do {
                KeyScanCursor<String> page = sync().scan(cursor, match);
                if (!page.getKeys().isEmpty()) {
                    sync().del(page.getKeys().toArray(new String[0]));
                }
                cursor = page;
            } while (!cursor.isFinished());
        } catch (RedisException e) {
            throw unavailable("clearing keys under " + prefix, e);
        }
    }

    @Override
    public void close() {
        try {
            subscription.close();
            connection.close();
        } finally {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
    }
}
