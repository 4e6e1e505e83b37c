package io.dbopt.health.alert;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts notifications as Alertmanager JSON with {@link HttpClient}. {@link #send(Alert)} only queues (a bounded
 * queue; when full the oldest notification is dropped, counted and logged), so neither the monitor nor the other
 * sinks ever wait for a receiver; a thread of the sink's own posts them in order, each request with a timeout,
 * retrying 5xx, 429, I/O errors and timeouts with doubling backoff a bounded number of times. Other 4xx answers
 * are not retried. Thread-safe.
 */
final class WebhookSink implements AlertSink {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookSink.class);
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(200);

    private final String resource;
    private final WebhookSettings settings;
    private final DeliveryListener listener;
    private final HttpClient client;
    private final Deque<Alert> queue = new ArrayDeque<>();
    private final Thread worker;
    private final AtomicBoolean closed = new AtomicBoolean();

    WebhookSink(String resource, WebhookSettings settings, DeliveryListener listener) {
        this.resource = Objects.requireNonNull(resource, "resource");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.client = HttpClient.newBuilder().connectTimeout(settings.timeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        this.worker = new Thread(this::drain, resource + "-webhook");
        this.worker.setDaemon(true);
        this.worker.start();
    }

    @Override
    public String name() {
        return "webhook";
    }

    @Override
    public void send(Alert alert) {
        Alert dropped = null;
        synchronized (queue) {
            if (closed.get()) {
                throw new IllegalStateException("the webhook sink is closed");
            }
            if (queue.size() >= settings.queueCapacity()) {
                dropped = queue.pollFirst();
            }
            queue.addLast(alert);
            queue.notifyAll();
        }
        if (dropped != null) {
            listener.outcome(name(), DeliveryListener.Outcome.DROPPED);
            LOG.warn("{} - webhook queue full ({} waiting): dropped the oldest notification, alert {}", resource,
                    settings.queueCapacity(), dropped.rule());
        }
    }

    /** Notifications waiting to be posted. */
    int queued() {
        synchronized (queue) {
            return queue.size();
        }
    }

    private void drain() {
        while (!closed.get()) {
            Alert next;
            synchronized (queue) {
                while (queue.isEmpty() && !closed.get()) {
                    try {
                        queue.wait();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
                next = queue.pollFirst();
            }
            if (next == null) {
                return;
            }
            try {
                post(next);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void post(Alert alert) throws InterruptedException {
        String body = settings.format() == WebhookFormat.ALERTMANAGER_API
                ? AlertmanagerPayload.api(alert, Instant.now(), settings.repeatInterval())
                : AlertmanagerPayload.webhook(alert, "dbopt");
        HttpRequest request = HttpRequest.newBuilder(settings.uri()).timeout(settings.timeout())
                .header("Content-Type", "application/json").header("User-Agent", "dbopt-health")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        Duration backoff = FIRST_BACKOFF;
        String last = "";
        int attempts = 0;
        for (int attempt = 0; attempt <= settings.retries() && !closed.get(); attempt++) {
            if (attempt > 0) {
                TimeUnit.MILLISECONDS.sleep(backoff.toMillis());
                backoff = backoff.multipliedBy(2);
            }
            attempts++;
            try {
                HttpResponse<Void> response = client.send(request, HttpResponse.BodyHandlers.discarding());
                int status = response.statusCode();
                if (status >= 200 && status < 300) {
                    listener.outcome(name(), DeliveryListener.Outcome.SENT);
                    LOG.debug("{} - webhook accepted alert {} ({})", resource, alert.rule(), status);
                    return;
                }
                last = "HTTP " + status;
                if (status < 500 && status != 429) {
                    break;
                }
            } catch (IOException e) {
                last = e.getClass().getSimpleName();
            }
        }
        listener.outcome(name(), DeliveryListener.Outcome.FAILED);
        LOG.warn("{} - webhook {} did not take alert {} ({}): gave up after {} attempt(s)", resource,
                settings.redactedUri(), alert.rule(), last, attempts);
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            synchronized (queue) {
                queue.notifyAll();
            }
            worker.interrupt();
            try {
                worker.join(settings.timeout().toMillis() + 1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
