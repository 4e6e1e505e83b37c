package io.dbopt.health.alert;

import io.dbopt.core.Checks;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * Where and how the webhook sink posts. Immutable; {@link #toString()} shows the URI's scheme, host and port only
 * (receiver URIs often carry tokens).
 *
 * @param uri where to post
 * @param format which payload
 * @param timeout connect and response timeout of one request
 * @param retries retries of a failed request (5xx, 429, I/O errors, timeouts), with doubling backoff from 200 ms
 * @param queueCapacity notifications waiting to be posted; when full the oldest is dropped
 * @param repeatInterval the alert manager's repeat interval (for {@code endsAt} in the API format)
 */
public record WebhookSettings(URI uri, WebhookFormat format, Duration timeout, int retries, int queueCapacity,
                              Duration repeatInterval) {

    /** Validates. */
    public WebhookSettings {
        Objects.requireNonNull(uri, "uri");
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("The webhook URI must be http:// or https://, was " + scheme + "://");
        }
        Objects.requireNonNull(format, "format");
        Checks.positive("timeout", timeout);
        Checks.inRange("retries", retries, 0, 20);
        Checks.positive("queueCapacity", queueCapacity);
        Checks.positive("repeatInterval", repeatInterval);
    }

    /** Scheme, host and port: what logs and messages may show. */
    public String redactedUri() {
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "") + "/...";
    }

    @Override
    public String toString() {
        return "WebhookSettings[" + redactedUri() + ", " + format + ", timeout " + timeout + ", retries " + retries
                + ", queue " + queueCapacity + "]";
    }
}
