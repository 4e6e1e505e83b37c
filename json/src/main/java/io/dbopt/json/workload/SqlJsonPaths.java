package io.dbopt.json.workload;

import io.dbopt.json.JsonPath;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads simple SQL/JSON paths ({@code $.a.b}, {@code $."a b"}, {@code $[0].c}, {@code $.a[2]}); paths with
 * wildcards, filters, ranges or {@code lax}/{@code strict} modes come back empty. Stateless.
 */
public final class SqlJsonPaths {

    private SqlJsonPaths() {
    }

    /** The path's steps, or empty for a path this reader does not follow. */
    public static Optional<JsonPath> parse(String path) {
        String p = path.strip();
        if (!p.startsWith("$")) {
            return Optional.empty();
        }
        List<JsonPath.Step> steps = new ArrayList<>();
        int i = 1;
        while (i < p.length()) {
            char c = p.charAt(i);
            if (c == '.') {
                i = member(p, i + 1, steps);
            } else if (c == '[') {
                i = position(p, i, steps);
            } else {
                i = -1;
            }
            if (i < 0) {
                return Optional.empty();
            }
        }
        return Optional.of(new JsonPath(steps, true));
    }

    /** Reads {@code name} or {@code "quoted name"} at {@code i}; the index after it, or -1. */
    private static int member(String p, int i, List<JsonPath.Step> steps) {
        if (i < p.length() && p.charAt(i) == '"') {
            int end = i + 1;
            StringBuilder key = new StringBuilder();
            while (end < p.length() && p.charAt(end) != '"') {
                if (p.charAt(end) == '\\' && end + 1 < p.length()) {
                    end++;
                }
                key.append(p.charAt(end++));
            }
            if (end >= p.length()) {
                return -1;
            }
            steps.add(new JsonPath.Step(key.toString(), false));
            return end + 1;
        }
        int end = i;
        while (end < p.length() && (Character.isLetterOrDigit(p.charAt(end)) || p.charAt(end) == '_')) {
            end++;
        }
        if (end == i) {
            return -1; // a wildcard or something else
        }
        steps.add(new JsonPath.Step(p.substring(i, end), false));
        return end;
    }

    /** Reads {@code [n]} at {@code i}; the index after it, or -1. */
    private static int position(String p, int i, List<JsonPath.Step> steps) {
        int end = p.indexOf(']', i);
        if (end < 0) {
            return -1;
        }
        String index = p.substring(i + 1, end).strip();
        if (!index.matches("\\d+")) {
            return -1;
        }
        steps.add(new JsonPath.Step(index, true));
        return end + 1;
    }
}
