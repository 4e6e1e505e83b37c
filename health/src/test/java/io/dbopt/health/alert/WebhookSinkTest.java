package io.dbopt.health.alert;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.dbopt.core.finding.Severity;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The webhook sink against a real HTTP receiver ({@code com.sun.net.httpserver}) that answers, is down, is slow or
 * fails with 500: the payload is Alertmanager's, retries are bounded, and sending never blocks the caller.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class WebhookSinkTest {

    private HttpServer server;
    private final List<String> bodies = new CopyOnWriteArrayList<>();
    private final AtomicInteger requests = new AtomicInteger();
    private final Map<DeliveryListener.Outcome, AtomicInteger> outcomes = new ConcurrentHashMap<>();
    private final DeliveryListener listener = (sink, outcome) ->
            outcomes.computeIfAbsent(outcome, o -> new AtomicInteger()).incrementAndGet();

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private URI receiver(int status, Duration delay) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.createContext("/hook", exchange -> {
            requests.incrementAndGet();
            bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            try {
                Thread.sleep(delay.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hook?token=secret");
    }

    private static Alert alert(AlertState state) {
        return new Alert("health.database", state, Severity.CRITICAL,
                Map.of("alertname", "health.database", "severity", "critical", "instance", "db:5432/app"),
                Map.of("summary", "The database is down or slow", "description", "Database down (refused)"), 1,
                Instant.parse("2026-01-01T00:00:00Z"),
                state == AlertState.RESOLVED ? Optional.of(Instant.parse("2026-01-01T00:05:00Z")) : Optional.empty(),
                "0123456789abcdef", false);
    }

    /** Settings with a request timeout generous enough for a loaded machine's first request. */
    private static WebhookSettings settings(URI uri, WebhookFormat format, int retries, int queue) {
        return settings(uri, format, retries, queue, Duration.ofSeconds(5));
    }

    private static WebhookSettings settings(URI uri, WebhookFormat format, int retries, int queue,
                                            Duration timeout) {
        return new WebhookSettings(uri, format, timeout, retries, queue, Duration.ofHours(4));
    }

    private int count(DeliveryListener.Outcome o) {
        return outcomes.getOrDefault(o, new AtomicInteger()).get();
    }

    @Test
    void postsAlertmanagersWebhookPayload() throws Exception {
        URI uri = receiver(200, Duration.ZERO);
        try (AlertSink sink = AlertSinks.webhook("t", settings(uri, WebhookFormat.ALERTMANAGER_WEBHOOK, 0, 10),
                listener)) {
            sink.send(alert(AlertState.FIRING));
            sink.send(alert(AlertState.RESOLVED));
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> count(DeliveryListener.Outcome.SENT) == 2);
        }
        JsonNode firing = new ObjectMapper().readTree(bodies.get(0));
        assertThat(firing.get("version").asText()).isEqualTo("4");
        assertThat(firing.get("status").asText()).isEqualTo("firing");
        assertThat(firing.at("/groupLabels/alertname").asText()).isEqualTo("health.database");
        assertThat(firing.at("/alerts/0/labels/severity").asText()).isEqualTo("critical");
        assertThat(firing.at("/alerts/0/endsAt").asText()).isEqualTo("0001-01-01T00:00:00Z");
        assertThat(firing.at("/alerts/0/fingerprint").asText()).isEqualTo("0123456789abcdef");
        JsonNode resolved = new ObjectMapper().readTree(bodies.get(1));
        assertThat(resolved.get("status").asText()).isEqualTo("resolved");
        assertThat(resolved.at("/alerts/0/endsAt").asText()).isEqualTo("2026-01-01T00:05:00Z");
    }

    @Test
    void postsAlertmanagersApiList() throws Exception {
        URI uri = receiver(200, Duration.ZERO);
        try (AlertSink sink = AlertSinks.webhook("t", settings(uri, WebhookFormat.ALERTMANAGER_API, 0, 10),
                listener)) {
            sink.send(alert(AlertState.FIRING));
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> count(DeliveryListener.Outcome.SENT) == 1);
        }
        JsonNode body = new ObjectMapper().readTree(bodies.get(0));
        assertThat(body.isArray()).isTrue();
        assertThat(body.get(0).at("/labels/alertname").asText()).isEqualTo("health.database");
        assertThat(Instant.parse(body.get(0).get("endsAt").asText())).isAfter(Instant.now().plusSeconds(3600));
    }

    @Test
    void retriesA500ABoundedNumberOfTimesWithoutBlockingTheSender() throws Exception {
        URI uri = receiver(500, Duration.ZERO);
        try (AlertSink sink = AlertSinks.webhook("t", settings(uri, WebhookFormat.ALERTMANAGER_WEBHOOK, 2, 10),
                listener)) {
            long t0 = System.nanoTime();
            sink.send(alert(AlertState.FIRING));
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).as("sending never waits for the receiver (a blocking "
                    + "send would take 600 ms or more here)").isLessThan(Duration.ofMillis(300));
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> count(DeliveryListener.Outcome.FAILED) == 1);
        }
        assertThat(requests.get()).as("the first try and two retries").isEqualTo(3);
    }

    @Test
    void givesUpOnAClientErrorAtOnce() throws Exception {
        URI uri = receiver(400, Duration.ZERO);
        try (AlertSink sink = AlertSinks.webhook("t", settings(uri, WebhookFormat.ALERTMANAGER_WEBHOOK, 3, 10),
                listener)) {
            sink.send(alert(AlertState.FIRING));
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> count(DeliveryListener.Outcome.FAILED) == 1);
        }
        assertThat(requests.get()).isEqualTo(1);
    }

    @Test
    void survivesAReceiverThatIsDown() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        URI uri = URI.create("http://127.0.0.1:" + closedPort + "/hook");
        try (AlertSink sink = AlertSinks.webhook("t", settings(uri, WebhookFormat.ALERTMANAGER_WEBHOOK, 1, 10),
                listener)) {
            long t0 = System.nanoTime();
            for (int i = 0; i < 3; i++) {
                sink.send(alert(AlertState.FIRING));
            }
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).as("sending never waits for the receiver (a blocking "
                    + "send would take 600 ms or more here)").isLessThan(Duration.ofMillis(300));
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> count(DeliveryListener.Outcome.FAILED) == 3);
        }
    }

    @Test
    void aSlowReceiverTimesOutAndAFullQueueDropsTheOldest() throws Exception {
        URI uri = receiver(200, Duration.ofSeconds(3));
        try (AlertSink sink = AlertSinks.webhook("t", settings(uri, WebhookFormat.ALERTMANAGER_WEBHOOK, 0, 2,
                Duration.ofMillis(500)), listener)) {
            long t0 = System.nanoTime();
            for (int i = 0; i < 6; i++) {
                sink.send(alert(AlertState.FIRING));
            }
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).as("sending never waits for the receiver (a blocking "
                    + "send would take 600 ms or more here)").isLessThan(Duration.ofMillis(300));
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() ->
                    count(DeliveryListener.Outcome.FAILED) + count(DeliveryListener.Outcome.DROPPED) == 6);
            assertThat(count(DeliveryListener.Outcome.DROPPED)).isBetween(3, 4);
            assertThat(count(DeliveryListener.Outcome.SENT)).as("each request timed out after 500 ms").isZero();
        }
    }
}
