package io.dbopt.migration.verify;

import io.dbopt.core.finding.DbObject;
import io.dbopt.core.finding.Finding;
import io.dbopt.core.finding.Fix;
import io.dbopt.core.finding.ObjectType;
import io.dbopt.core.finding.Severity;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link ConstraintValidator} found about one constraint.
 *
 * @param table the table
 * @param constraint the constraint name
 * @param violations rows that violate it
 * @param status the outcome
 * @param error why validation failed, when it did
 */
public record ConstraintCheck(String table, String constraint, long violations, Status status,
                              Optional<String> error) {

    /** Validates. */
    public ConstraintCheck {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(constraint, "constraint");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(error, "error");
    }

    /** Outcomes. */
    public enum Status {
        /** Was NOT VALID, had no violating rows, and is now validated. */
        VALIDATED,
        /** Was NOT VALID and still is: rows violate it. */
        VIOLATED,
        /** Is enforced by the server but existing rows violate it (MariaDB loads without checks). */
        VIOLATED_ENFORCED,
        /** Validation was attempted and failed (lock timeout, for example). */
        FAILED,
        /** Was NOT VALID and has no violating rows; left as is because validation was not requested. */
        VALIDATABLE
    }

    /** A finding for anything but a successful validation; empty for {@link Status#VALIDATED}. */
    public Optional<Finding> toFinding() {
        DbObject object = DbObject.of(ObjectType.CONSTRAINT, table + "." + constraint);
        return switch (status) {
            case VALIDATED -> Optional.empty();
            case VALIDATABLE -> Optional.of(Finding.builder("migration.unvalidated-constraint", Severity.WARNING)
                    .object(object).message("Constraint " + constraint + " on " + table
                            + " is NOT VALID but no row violates it")
                    .fix(Fix.advice("validate it: ALTER TABLE ... VALIDATE CONSTRAINT (no write-blocking lock)"))
                    .build());
            case VIOLATED, VIOLATED_ENFORCED -> Optional.of(Finding.builder("migration.constraint-violated",
                    Severity.ERROR).object(object).message(violations + " rows of " + table + " violate " + constraint)
                    .evidence("violating_rows", violations)
                    .fix(Fix.advice("repair or delete the violating rows, then validate the constraint")).build());
            case FAILED -> Optional.of(Finding.builder("migration.constraint-validation-failed", Severity.WARNING)
                    .object(object).message("Validating " + constraint + " on " + table + " failed: "
                            + error.orElse("unknown error"))
                    .fix(Fix.advice("retry when the table is less busy")).build());
        };
    }
}
