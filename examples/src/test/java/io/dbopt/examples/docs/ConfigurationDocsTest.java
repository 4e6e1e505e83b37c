package io.dbopt.examples.docs;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbopt.core.config.ConfigKey;
import io.dbopt.core.config.ConfigSchema;
import io.dbopt.core.config.DbOptConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * docs/configuration.md against the code: every key of every module on this class path (the examples depend on all
 * of them) has a row with its default and its aliases, and every row names a key that exists.
 */
@Timeout(30)
class ConfigurationDocsTest {

    static Path docs(String page) {
        Path here = Path.of("").toAbsolutePath();
        for (Path p = here; p != null; p = p.getParent()) {
            Path candidate = p.resolve("docs").resolve(page);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("docs/" + page + " not found above " + here);
    }

    /** The rows of the page's tables whose first cell is a back-quoted name: name -> cells. */
    static Map<String, List<String>> rows(Path page) throws IOException {
        Map<String, List<String>> rows = new LinkedHashMap<>();
        for (String line : Files.readAllLines(page)) {
            if (!line.startsWith("| `")) {
                continue;
            }
            List<String> cells = new ArrayList<>();
            for (String cell : line.substring(1).split("\\|")) {
                cells.add(cell.trim());
            }
            String name = cells.get(0).replace("`", "");
            rows.put(name, cells);
        }
        return rows;
    }

    @Test
    void everyKeyIsDocumentedWithItsDefaultAndAliases() throws IOException {
        Map<String, List<String>> rows = rows(docs("configuration.md"));
        List<String> problems = new ArrayList<>();
        for (ConfigKey<?> key : DbOptConfig.knownKeys()) {
            List<String> cells = rows.get(key.name());
            if (cells == null) {
                problems.add(key.name() + ": no row");
                continue;
            }
            String defaultCell = cells.size() > 2 ? cells.get(2).replace("`", "") : "";
            if (!defaultCell.contains(key.defaultText())) {
                problems.add(key.name() + ": default cell '" + defaultCell + "' does not show '" + key.defaultText() + "'");
            }
            String aliasCell = cells.size() > 1 ? cells.get(1) : "";
            for (String alias : key.aliases()) {
                if (!aliasCell.contains("`" + alias + "`")) {
                    problems.add(key.name() + ": alias " + alias + " not listed");
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void everyDocumentedKeyExists() throws IOException {
        Set<String> known = new TreeSet<>();
        DbOptConfig.knownKeys().forEach(k -> known.add(k.name()));
        Set<String> sections = new TreeSet<>();
        for (ConfigSchema schema : DbOptConfig.schemas()) {
            sections.addAll(schema.sections());
        }
        List<String> unknown = new ArrayList<>();
        for (String name : rows(docs("configuration.md")).keySet()) {
            String section = name.contains(".") ? name.substring(0, name.indexOf('.')) : name;
            if (sections.contains(section) && !known.contains(name)) {
                unknown.add(name);
            }
        }
        assertThat(unknown).as("rows naming no key of a module on the class path").isEmpty();
    }
}
