package io.dbopt.migration.data;

import java.util.List;

/**
 * The outcome of a {@link DataValidation} run.
 *
 * @param results one per rule, in declaration order
 */
public record ValidationResult(List<RuleResult> results) {

    /** Copies. */
    public ValidationResult {
        results = List.copyOf(results);
    }

    /** Whether every rule held. */
    public boolean passed() {
        return results.stream().allMatch(RuleResult::passed);
    }

    /** The rules that did not hold. */
    public List<RuleResult> failures() {
        return results.stream().filter(r -> !r.passed()).toList();
    }
}
