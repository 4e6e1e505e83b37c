package io.dbopt.json.history;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.flipkart.zjsonpatch.JsonDiff;
import com.flipkart.zjsonpatch.JsonPatch;
import io.dbopt.core.DbOptException;
import io.dbopt.json.JsonErrorCode;

/**
 * JSON Patch (RFC 6902) diffs of JSON documents with zjsonpatch. Documents are read with exact numbers (big
 * decimals and integers, so {@code 1.10} stays {@code 1.10}) and duplicate keys rejected, and kept in their compact
 * form: a JSON document's history reproduces its content, not its white space. Stateless and thread-safe.
 */
public final class JsonDiffs {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private JsonDiffs() {
    }

    /**
     * Reads a document.
     *
     * @param where the document, for the message
     * @throws DbOptException {@link JsonErrorCode#INVALID_DOCUMENT} when it is not one JSON value
     */
    public static JsonNode parse(String json, String where) {
        try {
            JsonNode node = MAPPER.readTree(json);
            if (node == null || node.isMissingNode()) {
                throw new DbOptException(JsonErrorCode.INVALID_DOCUMENT, "Document " + where + " is empty, not JSON");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new DbOptException(JsonErrorCode.INVALID_DOCUMENT, "Document " + where + " is not valid JSON ("
                    + e.getOriginalMessage() + " at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + "): record it as text or fix it; nothing was written", e);
        }
    }

    /** A document's compact text. */
    public static String write(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Jackson cannot write a tree it read", e);
        }
    }

    /** The patch turning {@code before} into {@code after}, as JSON text. */
    public static String diff(JsonNode before, JsonNode after) {
        return write(JsonDiff.asJson(before, after));
    }

    /**
     * Applies a patch made by {@link #diff}.
     *
     * @throws IllegalArgumentException when the patch does not apply to the document
     */
    public static JsonNode apply(JsonNode before, String patch) {
        try {
            return JsonPatch.apply(MAPPER.readTree(patch), before);
        } catch (JsonProcessingException | RuntimeException e) {
            throw new IllegalArgumentException("The patch does not apply to this version: " + e.getMessage(), e);
        }
    }
}
