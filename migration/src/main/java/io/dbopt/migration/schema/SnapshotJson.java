package io.dbopt.migration.schema;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;

/** JSON for schema snapshots, through Jackson; the mapper is shared and thread-safe once configured. */
final class SnapshotJson {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new Jdk8Module())
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private SnapshotJson() {
    }

    static String write(SchemaSnapshot snapshot) {
        try {
            return MAPPER.writeValueAsString(snapshot);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write the snapshot of " + snapshot.schema() + " as JSON", e);
        }
    }

    static SchemaSnapshot read(String json) {
        try {
            return MAPPER.readValue(json, SchemaSnapshot.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Not a schema snapshot (" + e.getOriginalMessage()
                    + "): write it with SchemaSnapshot.toJson() or follow its shape", e);
        }
    }
}
