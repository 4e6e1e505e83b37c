package io.dbopt.core.finding;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A 0-100 score of a report, shown in the HTML report's header. Every check that found something costs points once,
 * at its worst severity (critical 25, error 10, warning 3, info 0), so fifty unused indexes weigh as one problem
 * with fifty objects; a section that could not run costs 5. The grade reads the score: A from 90, B from 75, C from
 * 50, D below. The score ranks what a report found, not how fast the database is. Immutable.
 *
 * @param value the score, 0 to 100
 * @param grade A, B, C or D
 */
public record ReportScore(int value, char grade) {

    /** Validates. */
    public ReportScore {
        if (value < 0 || value > 100) {
            throw new IllegalArgumentException("A score is 0 to 100, was " + value);
        }
        if (grade < 'A' || grade > 'D') {
            throw new IllegalArgumentException("A grade is A to D, was " + grade);
        }
    }

    /** Scores a report. */
    public static ReportScore of(FindingsReport report) {
        Map<CheckId, Severity> worst = new LinkedHashMap<>();
        report.sections().forEach(s -> s.findings().forEach(f -> worst.merge(f.check(), f.severity(),
                (a, b) -> a.isAtLeast(b) ? a : b)));
        int penalty = worst.values().stream().mapToInt(ReportScore::penalty).sum()
                + 5 * (int) report.sections().stream().filter(ReportSection::isFailed).count();
        int value = Math.max(0, 100 - penalty);
        return new ReportScore(value, grade(value));
    }

    private static int penalty(Severity severity) {
        return switch (severity) {
            case CRITICAL -> 25;
            case ERROR -> 10;
            case WARNING -> 3;
            case INFO -> 0;
        };
    }

    private static char grade(int value) {
        return value >= 90 ? 'A' : value >= 75 ? 'B' : value >= 50 ? 'C' : 'D';
    }
}
