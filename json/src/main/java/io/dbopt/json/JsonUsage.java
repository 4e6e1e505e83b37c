package io.dbopt.json;

import java.util.List;

/**
 * Which JSON operators and paths a workload uses on which columns, how often and how selective they are.
 *
 * @param columns the JSON columns used, most executed first
 * @param statements statements in the workload
 * @param statementsWithJson statements with at least one JSON predicate on a known column
 * @param hiddenPaths predicates whose path normalised statistics hide ({@code col ->> $1}); give statement texts
 *     with their literals (or the profiler's) to get advice on them
 */
public record JsonUsage(List<JsonColumnUsage> columns, int statements, int statementsWithJson, int hiddenPaths) {

    /** Copies. */
    public JsonUsage {
        columns = List.copyOf(columns);
    }
}
