package io.dbopt.query.cache;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbopt.core.DbOptException;
import io.dbopt.query.QueryErrorCode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Date;
import java.sql.Time;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Turns cached results into JSON and back with Jackson's tree model: every value is written as a
 * {@code [type, text]} pair from a fixed list of types, and read back only as one of those types. No class names,
 * no polymorphic typing, no Java serialization: bytes from Redis can at worst be refused. Stateless.
 */
final class ResultCodec {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int FORMAT = 1;

    /**
     * An entry of the shared tier.
     *
     * @param result the rows
     * @param generations the generation of each table read when the rows were loaded
     */
    record SharedEntry(QueryResult result, Map<String, Long> generations) {
    }

    private ResultCodec() {
    }

    /** A JDBC value in one of the supported types (see {@link QueryResult}). */
    static Object normalise(Object value) {
        if (value == null || value instanceof Boolean || value instanceof Long || value instanceof String
                || value instanceof BigDecimal || value instanceof Double || value instanceof byte[]
                || value instanceof LocalDate || value instanceof LocalTime || value instanceof LocalDateTime
                || value instanceof OffsetDateTime || value instanceof UUID) {
            return value;
        }
        if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof BigInteger b) {
            return new BigDecimal(b);
        }
        if (value instanceof Float f) {
            return f.doubleValue();
        }
        if (value instanceof Timestamp t) {
            return t.toLocalDateTime();
        }
        if (value instanceof Date d) {
            return d.toLocalDate();
        }
        if (value instanceof Time t) {
            return t.toLocalTime();
        }
        return value.toString();
    }

    static String encode(QueryResult result, Map<String, Long> generations) {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        ObjectNode gens = root.putObject("generations");
        generations.forEach(gens::put);
        ArrayNode columns = root.putArray("columns");
        result.columns().forEach(columns::add);
        ArrayNode rows = root.putArray("rows");
        for (List<Object> row : result.rows()) {
            ArrayNode r = rows.addArray();
            row.forEach(v -> write(r, v));
        }
        try {
            return JSON.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new DbOptException(QueryErrorCode.CACHE_SERIALIZATION_FAILED, "Cannot write a cached result as "
                    + "JSON: " + e.getOriginalMessage(), e);
        }
    }

    static SharedEntry decode(String json) {
        try {
            JsonNode root = JSON.readTree(json);
            if (root == null || root.path("format").asInt() != FORMAT) {
                throw refused("unknown format");
            }
            Map<String, Long> generations = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> e : root.path("generations").properties()) {
                generations.put(e.getKey(), e.getValue().asLong());
            }
            List<String> columns = new ArrayList<>();
            root.path("columns").forEach(c -> columns.add(c.asText()));
            List<List<Object>> rows = new ArrayList<>();
            for (JsonNode r : root.path("rows")) {
                List<Object> row = new ArrayList<>(columns.size());
                r.forEach(cell -> row.add(read(cell)));
                rows.add(row);
            }
            return new SharedEntry(new QueryResult(columns, rows), generations);
        } catch (JsonProcessingException | IllegalArgumentException | java.time.DateTimeException e) {
            throw new DbOptException(QueryErrorCode.CACHE_SERIALIZATION_FAILED, "A shared cache entry is not a "
                    + "valid dbopt result (" + e.getMessage() + "): it was written by something else under the "
                    + "same key prefix; use a prefix of your own", e);
        }
    }

    private static IllegalArgumentException refused(String why) {
        return new IllegalArgumentException(why);
    }

    private static void write(ArrayNode row, Object v) {
        if (v == null) {
            row.addNull();
            return;
        }
        ArrayNode cell = row.addArray();
        if (v instanceof Boolean || v instanceof Long || v instanceof Double || v instanceof BigDecimal
                || v instanceof LocalDate || v instanceof LocalTime || v instanceof LocalDateTime
                || v instanceof OffsetDateTime || v instanceof UUID || v instanceof String) {
            cell.add(typeCode(v)).add(v.toString());
        } else if (v instanceof byte[] b) {
            cell.add("Y").add(Base64.getEncoder().encodeToString(b));
        } else {
            throw new IllegalArgumentException("Cannot cache a " + v.getClass().getName()
                    + ": use one of the types listed in QueryResult");
        }
    }

    private static String typeCode(Object v) {
        if (v instanceof Boolean) {
            return "B";
        } else if (v instanceof Long) {
            return "L";
        } else if (v instanceof Double) {
            return "D";
        } else if (v instanceof BigDecimal) {
            return "M";
        } else if (v instanceof LocalDate) {
            return "d";
        } else if (v instanceof LocalTime) {
            return "T";
        } else if (v instanceof LocalDateTime) {
            return "t";
        } else if (v instanceof OffsetDateTime) {
            return "z";
        } else if (v instanceof UUID) {
            return "U";
        }
        return "S";
    }

    private static Object read(JsonNode cell) {
        if (cell == null || cell.isNull()) {
            return null;
        }
        if (!cell.isArray() || cell.size() != 2 || !cell.get(0).isTextual() || !cell.get(1).isTextual()) {
            throw refused("a cell is not a [type, text] pair");
        }
        String text = cell.get(1).asText();
        return switch (cell.get(0).asText()) {
            case "B" -> Boolean.parseBoolean(text);
            case "L" -> Long.parseLong(text);
            case "D" -> Double.parseDouble(text);
            case "M" -> new BigDecimal(text);
            case "S" -> text;
            case "Y" -> Base64.getDecoder().decode(text);
            case "d" -> LocalDate.parse(text);
            case "T" -> LocalTime.parse(text);
            case "t" -> LocalDateTime.parse(text);
            case "z" -> OffsetDateTime.parse(text);
            case "U" -> UUID.fromString(text);
            default -> throw refused("unknown value type " + cell.get(0).asText());
        };
    }

    /** A stable key for a statement and its parameters: the SHA-256 of both, in hex. */
    static String key(String sql, List<?> params) {
        ArrayNode p = JSON.createArrayNode();
        params.forEach(v -> write(p, normalise(v)));
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(sql.getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            digest.update(JSON.writeValueAsString(p).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException | JsonProcessingException e) {
            throw new IllegalStateException("SHA-256 or JSON is unavailable in this JVM", e);
        }
    }
}
