package io.dbopt.migration.data;

import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of one rule.
 *
 * @param rule the rule
 * @param checkedRows how many rows were examined (of the sample, when sampled)
 * @param violations how many rows (or, for uniqueness, duplicated keys) break the rule
 * @param sampled whether only a sample was examined
 * @param error why the rule could not be checked, if it could not
 */
public record RuleResult(ValidationRule rule, long checkedRows, long violations, boolean sampled,
                         Optional<String> error) {

    /** Validates. */
    public RuleResult {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(error, "error");
    }

    /** Whether the rule held. */
    public boolean passed() {
        return error.isEmpty() && violations == 0;
    }
}
