package io.dbopt.core.finding;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One thing an analysis found: the common currency of every dbopt check, report and CI exit code.
 *
 * <p>Messages and evidence never contain bind values or passwords. Build one with {@link #builder(String, Severity)}:
 * <pre>{@code
 * Finding.builder("index.unused", Severity.WARNING)
 *     .object(DbObject.index("public.orders_status_idx"))
 *     .message("Index has not been scanned since statistics were reset")
 *     .evidence("scans", 0).evidence("size_bytes", 8_192_000)
 *     .fix(Fix.sql("drop the unused index", "DROP INDEX CONCURRENTLY public.orders_status_idx"))
 *     .build();
 * }</pre>
 *
 * @param severity how urgent
 * @param check the stable check id
 * @param object what it is about
 * @param message one line saying what is wrong
 * @param evidence the numbers behind it, in order
 * @param fix how to fix it, or {@link Fix#NONE}
 * @param location where in a file it was found ({@code V3__add_index.sql:12}), empty when not from a file
 */
public record Finding(Severity severity, CheckId check, DbObject object, String message, List<Evidence> evidence,
                      Fix fix, String location) {

    /** Validates and copies. */
    public Finding {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(check, "check");
        Objects.requireNonNull(object, "object");
        if (message == null || message.isBlank()) {
            throw new IllegalArgumentException("Finding " + check + " needs a message");
        }
        if (message.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("Finding " + check + " message must be one line");
        }
        evidence = List.copyOf(evidence);
        Objects.requireNonNull(fix, "fix");
        Objects.requireNonNull(location, "location");
    }

    /** Starts a finding for a check. */
    public static Builder builder(String check, Severity severity) {
        return new Builder(CheckId.of(check), severity);
    }

    /** Starts a finding for a check. */
    public static Builder builder(CheckId check, Severity severity) {
        return new Builder(check, severity);
    }

    /** The value of the named evidence, if present. */
    public java.util.Optional<Object> evidenceValue(String name) {
        return evidence.stream().filter(e -> e.name().equals(name)).map(Evidence::value).findFirst();
    }

    /** A copy with another severity (used when a user re-grades a check). */
    public Finding withSeverity(Severity newSeverity) {
        return new Finding(newSeverity, check, object, message, evidence, fix, location);
    }

    /**
     * This finding with others that share its root cause merged in: the most urgent severity of all, this finding's
     * message and fix, its evidence followed by each other finding's evidence of a name not yet present, and one
     * {@code also_<n>} item per merged finding saying what it reported ({@code "index.fk-without-index
     * public.tasks.tasks_project_fk: ..."}), so that nothing the other findings said is lost.
     */
    public Finding absorbing(List<Finding> others) {
        if (others.isEmpty()) {
            return this;
        }
        Severity worst = severity;
        List<Evidence> merged = new ArrayList<>(evidence);
        java.util.Set<String> names = new java.util.HashSet<>();
        merged.forEach(e -> names.add(e.name()));
        int n = 0;
        while (names.contains("also_" + (n + 1))) {
            n++;
        }
        for (Finding other : others) {
            worst = other.severity.isAtLeast(worst) ? other.severity : worst;
            merged.add(Evidence.of("also_" + (++n), other.check + " " + other.object.name() + ": " + other.message));
            names.add("also_" + n);
            for (Evidence e : other.evidence) {
                if (names.add(e.name())) {
                    merged.add(e);
                }
            }
        }
        return new Finding(worst, check, object, message, merged, fix, location);
    }

    /** A copy with another fix (used when an action plan gives a merged root cause one fix). */
    public Finding withFix(Fix newFix) {
        return new Finding(severity, check, object, message, evidence, newFix, location);
    }

    /** Builds a {@link Finding}; not thread-safe, {@link #build()} may be called more than once. */
    public static final class Builder {
        private final CheckId check;
        private final Severity severity;
        private DbObject object;
        private String message;
        private final List<Evidence> evidence = new ArrayList<>();
        private Fix fix = Fix.NONE;
        private String location = "";

        private Builder(CheckId check, Severity severity) {
            this.check = Objects.requireNonNull(check, "check");
            this.severity = Objects.requireNonNull(severity, "severity");
        }

        /** The object the finding is about (required). */
        public Builder object(DbObject value) {
            this.object = Objects.requireNonNull(value, "object");
            return this;
        }

        /** The object, by type and name. */
        public Builder object(ObjectType type, String name) {
            return object(DbObject.of(type, name));
        }

        /** The one-line message (required). */
        public Builder message(String value) {
            this.message = value;
            return this;
        }

        /** Adds a piece of evidence. */
        public Builder evidence(String name, Object value) {
            evidence.add(Evidence.of(name, value));
            return this;
        }

        /** The fix. */
        public Builder fix(Fix value) {
            this.fix = Objects.requireNonNull(value, "fix");
            return this;
        }

        /** Where in a file the finding was made, e.g. {@code V3__add_index.sql:12}. */
        public Builder location(String value) {
            this.location = Objects.requireNonNull(value, "location");
            return this;
        }

        /** Builds the finding; fails naming the check when the object or message is missing. */
        public Finding build() {
            if (object == null) {
                throw new IllegalStateException("Finding " + check + " needs an object");
            }
            return new Finding(severity, check, object, message, evidence, fix, location);
        }
    }
}
