package io.dbopt.health.alert;

import io.dbopt.core.component.Health;
import java.util.Optional;
import java.util.OptionalDouble;

/** What rules are evaluated against: the newest value of each time series and the newest result of each check. */
public interface RuleInput {

    /** The newest value of a series ({@code slow_queries}, {@code pool.saturated}); empty when there is none. */
    OptionalDouble metric(String series);

    /** The newest result of a check, by name ({@code long-queries}); empty when it has not run. */
    Optional<Health> check(String name);
}
