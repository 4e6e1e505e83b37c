package io.dbopt.index.whatif;

import io.dbopt.index.WhatIfMethod;
import java.util.List;
import java.util.Objects;

/**
 * The estimated costs of statements under one what-if change.
 *
 * @param method how the costs were estimated; {@link WhatIfMethod#NONE} when they could not be
 * @param costs one cost per statement, in the order given, {@code NaN} where a statement could not be explained
 * @param sizeBytes the estimated size of the indexes added, 0 for a drop
 * @param note why the evaluation could not run, empty when it ran
 */
public record Evaluation(WhatIfMethod method, List<Double> costs, long sizeBytes, String note) {

    /** Validates and copies. */
    public Evaluation {
        Objects.requireNonNull(method, "method");
        costs = List.copyOf(costs);
        Objects.requireNonNull(note, "note");
    }

    /** An evaluation that could not run. */
    public static Evaluation unavailable(int statements, String reason) {
        return new Evaluation(WhatIfMethod.NONE, java.util.Collections.nCopies(statements, Double.NaN), 0, reason);
    }

    /** Whether the evaluation ran. */
    public boolean isAvailable() {
        return method != WhatIfMethod.NONE;
    }
}
