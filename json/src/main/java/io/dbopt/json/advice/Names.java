package io.dbopt.json.advice;

import io.dbopt.json.JsonPath;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.zip.CRC32;

/**
 * Names for the indexes and generated columns dbopt-json proposes: lower case, letters, digits and underscores, at
 * most 63 bytes (PostgreSQL's limit, under MariaDB's 64), shortened with a hash of the full name when longer.
 * Stateless.
 */
final class Names {

    private static final int MAX = 63;

    private Names() {
    }

    static String index(String table, String what, String suffix) {
        return fit(clean(table) + "_" + clean(what) + "_" + suffix);
    }

    static String path(JsonPath path) {
        StringBuilder sb = new StringBuilder();
        for (JsonPath.Step s : path.steps()) {
            if (!sb.isEmpty()) {
                sb.append('_');
            }
            sb.append(clean(s.key()));
        }
        return sb.isEmpty() ? "doc" : sb.toString();
    }

    /** A generated column's name: {@code <column>_<path>}, made unique against {@code taken}. */
    static String column(String column, JsonPath path, Predicate<String> taken) {
        String base = fit(clean(column) + "_" + path(path));
        String name = base;
        for (int n = 2; taken.test(name); n++) {
            name = fit(base + "_" + n);
        }
        return name;
    }

    private static String clean(String s) {
        String c = s.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]+", "_").replaceAll("_+", "_");
        return c.isEmpty() || c.equals("_") ? "x" : c;
    }

    private static String fit(String name) {
        if (name.getBytes(StandardCharsets.UTF_8).length <= MAX) {
            return name;
        }
        CRC32 crc = new CRC32();
        crc.update(name.getBytes(StandardCharsets.UTF_8));
        String hash = String.format("%08x", crc.getValue());
        return name.substring(0, MAX - 9) + "_" + hash;
    }
}
