package io.dbopt.health.alert;

import io.dbopt.core.Redaction;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.util.Objects;

/**
 * Claims notifications through one Redis hash per alert ({@code dbopt:alert:<fingerprint>}: state, changed and
 * sent times), changed by one Lua script per claim so that the check and the write are atomic, on Redis's own clock.
 * Keys expire a week after their last change. The connection is opened on first use and reopened by Lettuce after a
 * failure; each command waits at most the given timeout.
 */
final class RedisCoordinator implements AlertCoordinator {

    /** KEYS[1] the alert; ARGV: transition (fire, repeat, resolve), sender, window in ms. Returns 1 when claimed. */
    private static final String SCRIPT = """
            local t = redis.call('TIME')
            local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
            local state = redis.call('HGET', KEYS[1], 'state')
            local claimed = 0
            if ARGV[1] == 'fire' then
              if not state then
                claimed = 1
              elseif state == 'resolved' and now - tonumber(redis.call('HGET', KEYS[1], 'changed')) >= tonumber(ARGV[3]) then
                claimed = 1
              end
              if claimed == 1 then
                redis.call('HSET', KEYS[1], 'state', 'firing', 'changed', now, 'sent', now, 'by', ARGV[2])
              end
            elseif ARGV[1] == 'repeat' then
              if state == 'firing' and now - tonumber(redis.call('HGET', KEYS[1], 'sent')) >= tonumber(ARGV[3]) then
                claimed = 1
                redis.call('HSET', KEYS[1], 'sent', now, 'by', ARGV[2])
              end
            elseif state == 'firing' then
              claimed = 1
              redis.call('HSET', KEYS[1], 'state', 'resolved', 'changed', now, 'by', ARGV[2])
            end
            if claimed == 1 then
              redis.call('PEXPIRE', KEYS[1], 604800000)
            end
            return claimed
            """;

    private final RedisClient client;
    private final String sender;
    private final String redacted;
    private StatefulRedisConnection<String, String> connection;

    RedisCoordinator(String redisUri, String sender, Duration timeout) {
        RedisURI uri = RedisURI.create(Objects.requireNonNull(redisUri, "redisUri"));
        uri.setTimeout(Objects.requireNonNull(timeout, "timeout"));
        this.redacted = Redaction.redactUrl(redisUri);
        this.client = RedisClient.create(uri);
        this.sender = Objects.requireNonNull(sender, "sender");
    }

    @Override
    public String name() {
        return "redis";
    }

    @Override
    public synchronized boolean claim(Alert alert, Duration cooldown, Duration repeatInterval) {
        if (connection == null) {
            connection = client.connect();
        }
        String transition = alert.state() == AlertState.RESOLVED ? "resolve" : alert.repeat() ? "repeat" : "fire";
        long window = alert.repeat() ? repeatInterval.toMillis() : cooldown.toMillis();
        Long claimed = connection.sync().eval(SCRIPT, ScriptOutputType.INTEGER,
                new String[] {"dbopt:alert:" + alert.fingerprint()}, transition, sender, Long.toString(window));
        return claimed != null && claimed == 1L;
    }

    @Override
    public synchronized void close() {
        try {
            if (connection != null) {
                connection.close();
            }
        } finally {
            client.shutdown();
        }
    }

    @Override
    public String toString() {
        return "redis coordination at " + redacted;
    }
}
