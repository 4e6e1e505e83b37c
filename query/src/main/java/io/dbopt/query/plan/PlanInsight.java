package io.dbopt.query.plan;

import io.dbopt.core.finding.DbObject;
import io.dbopt.core.finding.Evidence;
import io.dbopt.core.finding.Finding;
import io.dbopt.core.finding.Fix;
import io.dbopt.core.finding.ObjectType;
import java.util.List;
import java.util.Objects;

/**
 * One problem found in a plan, with the numbers behind it and, where one exists, a fix. Never contains bind
 * values: conditions are shown with {@code ?}.
 *
 * @param kind what the problem is
 * @param relation the table concerned, empty when the problem is the query's (an OFFSET)
 * @param message one line saying what is wrong
 * @param evidence the numbers
 * @param fix the SQL or the advice to fix it, {@link Fix#NONE} when none is known
 */
public record PlanInsight(InsightKind kind, String relation, String message, List<Evidence> evidence, Fix fix) {

    /** Validates and copies. */
    public PlanInsight {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(relation, "relation");
        if (message == null || message.isBlank() || message.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("A plan insight needs a one-line message");
        }
        evidence = List.copyOf(evidence);
        Objects.requireNonNull(fix, "fix");
    }

    /** The value of the named evidence, if present. */
    public java.util.Optional<Object> evidenceValue(String name) {
        return evidence.stream().filter(e -> e.name().equals(name)).map(Evidence::value).findFirst();
    }

    /**
     * This insight as a {@link Finding} about the table (or, without one, the query), the query's fingerprint
     * added as evidence.
     */
    public Finding toFinding(String fingerprint) {
        Finding.Builder b = Finding.builder(kind.checkId(), kind.severity())
                .object(relation.isEmpty() ? DbObject.of(ObjectType.QUERY, abbreviate(fingerprint))
                        : DbObject.table(relation))
                .message(message).fix(fix);
        evidence.forEach(e -> b.evidence(e.name(), e.value()));
        return b.evidence("query", abbreviate(fingerprint)).build();
    }

    static String abbreviate(String text) {
        String oneLine = text.replace('\n', ' ').replace('\r', ' ');
        return oneLine.length() <= 200 ? oneLine : oneLine.substring(0, 197) + "...";
    }
}
