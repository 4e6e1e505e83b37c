package io.dbopt.index.whatif;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.SQLException;

/** Reads plan JSON returned by EXPLAIN. */
final class PlanJson {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** One {@code "key": "value"} line of pretty-printed JSON. */
    private static final java.util.regex.Pattern STRING_VALUE_LINE =
            java.util.regex.Pattern.compile("^(\\s*\"[a-z_]+\"\\s*:\\s*)\"(.*)\"(,?\\s*)$");

    private PlanJson() {
    }

    static JsonNode read(String json) throws SQLException {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new SQLException("EXPLAIN returned JSON dbopt cannot read", e);
        }
    }

    /**
     * Reads MariaDB plan JSON. MariaDB writes conditions such as {@code "attached_condition": "t.`a"b` = 1"} without
     * escaping a double quote inside an identifier; when the text does not parse, such quotes are escaped line by
     * line (the server prints one key per line) and it is read again.
     */
    static JsonNode readMariaDb(String json) throws SQLException {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            StringBuilder repaired = new StringBuilder(json.length() + 16);
            for (String line : json.split("\n", -1)) {
                java.util.regex.Matcher m = STRING_VALUE_LINE.matcher(line);
                if (m.matches()) {
                    repaired.append(m.group(1)).append('"')
                            .append(m.group(2).replaceAll("(?<!\\\\)\"", "\\\\\""))
                            .append('"').append(m.group(3));
                } else {
                    repaired.append(line);
                }
                repaired.append('\n');
            }
            try {
                return read(repaired.toString());
            } catch (SQLException again) {
                again.addSuppressed(e);
                throw again;
            }
        }
    }

    /** The total cost of a PostgreSQL {@code EXPLAIN (FORMAT JSON)} result. */
    static double postgresTotalCost(String json) throws SQLException {
        JsonNode root = read(json);
        JsonNode plan = root.isArray() ? root.path(0).path("Plan") : root.path("Plan");
        JsonNode cost = plan.path("Total Cost");
        if (!cost.isNumber()) {
            throw new SQLException("EXPLAIN result has no Total Cost");
        }
        return cost.asDouble();
    }
}
