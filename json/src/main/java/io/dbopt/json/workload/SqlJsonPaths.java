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
                i++;
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
                        return Optional.empty();
                    }
                    steps.add(new JsonPath.Step(key.toString(), false));
                    i = end + 1;
                } else {
                    int end = i;
                    while (end < p.length() && (Character.isLetterOrDigit(p.charAt(end)) || p.charAt(end) == '_')) {
                        end++;
                    }
                    if (end == i) {
                        return Optional.empty(); // wildcard or something else
                    }
                    steps.add(new JsonPath.Step(p.substring(i, end), false));
                    i = end;
                }
            } else if (c == '[') {
                int end = p.indexOf(']', i);
                if (end < 0) {
                    return Optional.empty();
                }
                String index = p.substring(i + 1, end).strip();
                if (!index.matches("\\d+")) {
                    return Optional.empty();
                }
                steps.add(new JsonPath.Step(index, true));
                i = end + 1;
            } else {
                return Optional.empty();
            }
        }
        return Optional.of(new JsonPath(steps, true));
    }
}
