package io.dbopt.spring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbopt.core.config.ConfigKey;
import io.dbopt.core.config.DbOptConfig;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The configuration metadata IDEs complete {@code dbopt.*} properties from: every key of every module's
 * {@link io.dbopt.core.config.ConfigSchema} is listed (from {@code additional-spring-configuration-metadata.json},
 * kept in step with the schemas by this test) beside the starter's own switches (from {@link DbOptProperties}), and
 * each listed key is accepted by {@link SpringDbOptConfig}. Regenerate the file with
 * {@code mvn -pl spring -am verify -Dtest=ConfigurationMetadataTest -Dsurefire.failIfNoSpecifiedTests=false
 * -Ddbopt.metadata.write=true}.
 */
@Timeout(60)
class ConfigurationMetadataTest {

    private static final Path FILE = Path.of("src/main/resources/META-INF/additional-spring-configuration-metadata.json");
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /**
     * Module keys whose property name the starter binds itself: {@code dbopt.migration.sets} names the sets read from
     * {@code classpath:db/<set>} (the module's {@code migration.sets} takes NAME=LOCATION entries).
     */
    private static final Set<String> STARTER_OWNED = Set.of("migration.sets");

    @Test
    void listsEveryModuleKeyAsADbOptProperty() throws IOException {
        String expected = JSON.writeValueAsString(generate()) + "\n";
        if (Boolean.getBoolean("dbopt.metadata.write")) {
            Files.writeString(FILE, expected, StandardCharsets.UTF_8);
        }
        assertThat(Files.readString(FILE, StandardCharsets.UTF_8))
                .as("%s is out of date: regenerate it with -Ddbopt.metadata.write=true", FILE)
                .isEqualTo(expected);
    }

    @Test
    void theProcessorMergedTheModuleKeysWithTheStartersSwitches() throws IOException {
        Set<String> names = new HashSet<>();
        try (InputStream in = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
            assertThat(in).as("configuration metadata in the artifact").isNotNull();
            JSON.readTree(in).get("properties").forEach(p -> names.add(p.get("name").asText()));
        }
        assertThat(names).contains("dbopt.enabled", "dbopt.pool.enabled", "dbopt.query.enabled",
                "dbopt.index.enabled", "dbopt.transaction.enabled", "dbopt.migration.enabled", "dbopt.bulk.enabled",
                "dbopt.json.enabled", "dbopt.health.enabled", "dbopt.migration.fail-on", "dbopt.migration.sets",
                "dbopt.migration.mode", "dbopt.migration.lint-on-startup");
        for (ConfigKey<?> key : DbOptConfig.knownKeys()) {
            assertThat(names).contains(propertyName(key));
        }
    }

    @Test
    void everyListedNameIsAcceptedUnderItsPropertySpelling() {
        for (ConfigKey<?> key : DbOptConfig.knownKeys()) {
            if (STARTER_OWNED.contains(key.name())) {
                assertThat(SpringDbOptConfig.isStarterKey(key.name())).as(key.name()).isTrue();
                continue;
            }
            String name = propertyName(key).substring("dbopt.".length());
            assertThat(SpringDbOptConfig.isStarterKey(name)).as(name).isFalse();
            DbOptConfig config = DbOptConfig.of(SpringDbOptConfig.moduleKeys(
                    java.util.Map.of(name, sample(key))));
            assertThat(config.isSet(key)).as(name).isTrue();
        }
    }

    /** A value the key accepts: its default, else the first of a few samples that it parses. */
    private static String sample(ConfigKey<?> key) {
        List<String> candidates = new java.util.ArrayList<>();
        if (key.defaultValue().isPresent() && !key.defaultText().isEmpty()) {
            candidates.add(key.defaultText());
        }
        if (key.type().isEnum()) {
            candidates.add(key.type().getEnumConstants()[0].toString());
        }
        candidates.addAll(List.of("1", "5s", "60s", "true", "env=prod", "jdbc:postgresql://localhost:5432/app", "x"));
        for (String candidate : candidates) {
            try {
                key.parse(candidate);
                return candidate;
            } catch (RuntimeException notThisOne) {
                // try the next sample
            }
        }
        throw new AssertionError("No sample value for " + key.name());
    }

    static String propertyName(ConfigKey<?> key) {
        return "dbopt." + key.name().replace('_', '-');
    }

    static ObjectNode generate() {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode properties = root.putArray("properties");
        List<ConfigKey<?>> keys = DbOptConfig.knownKeys().stream().filter(k -> !STARTER_OWNED.contains(k.name()))
                .sorted(Comparator.comparing(ConfigKey::name)).toList();
        for (ConfigKey<?> key : keys) {
            ObjectNode p = properties.addObject();
            p.put("name", propertyName(key));
            p.put("type", metadataType(key.type()));
            String allowed = key.allowed() == null || key.allowed().isBlank() ? "" : " Allowed: " + key.allowed()
                    + ".";
            p.put("description", key.description() + allowed);
            if (key.defaultValue().isPresent() && !key.isSecret() && !key.defaultText().startsWith("(")) {
                p.put("defaultValue", key.defaultText());
            }
        }
        return root;
    }

    private static String metadataType(Class<?> type) {
        if (type == Boolean.class || type == Integer.class || type == Double.class || type == Duration.class) {
            return type.getName();
        }
        if (List.class.isAssignableFrom(type)) {
            return "java.util.List<java.lang.String>";
        }
        if (type.isEnum()) {
            return type.getName().replace('$', '.');
        }
        // sizes ("64MB"), secrets and longs are written as text
        return String.class.getName();
    }
}
