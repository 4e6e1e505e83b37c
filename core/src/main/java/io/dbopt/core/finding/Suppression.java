package io.dbopt.core.finding;

import java.util.Objects;

/**
 * A user's decision to ignore one check for one object (or for all objects), with the reason recorded.
 *
 * @param check the check to ignore
 * @param objectName the object's display name, or {@code "*"} for every object
 * @param reason why, for the next reader; not blank
 */
public record Suppression(CheckId check, String objectName, String reason) {

    /** Validates. */
    public Suppression {
        Objects.requireNonNull(check, "check");
        if (objectName == null || objectName.isBlank()) {
            throw new IllegalArgumentException("Suppression of " + check + " needs an object name or '*'");
        }
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("Suppression of " + check + " for " + objectName + " needs a reason");
        }
    }

    /** Suppresses {@code check} for the named object. */
    public static Suppression of(String check, String objectName, String reason) {
        return new Suppression(CheckId.of(check), objectName, reason);
    }

    /**
     * Parses {@code check[:object] reason...}, e.g. {@code "index.unused:public.audit_idx kept for audits"}.
     *
     * @throws IllegalArgumentException when the text has no reason or a malformed check id
     */
    public static Suppression parse(String text) {
        String trimmed = text == null ? "" : text.trim();
        int space = trimmed.indexOf(' ');
        if (space < 0) {
            throw new IllegalArgumentException("Suppression '" + text + "' needs a reason: 'check[:object] reason'");
        }
        String target = trimmed.substring(0, space);
        String reason = trimmed.substring(space + 1).trim();
        int colon = target.indexOf(':');
        return colon < 0 ? new Suppression(CheckId.of(target), "*", reason)
                : new Suppression(CheckId.of(target.substring(0, colon)), target.substring(colon + 1), reason);
    }

    /** Whether this suppression covers the finding. */
    public boolean matches(Finding finding) {
        return check.equals(finding.check()) && ("*".equals(objectName) || objectName.equals(finding.object().name()));
    }
}
