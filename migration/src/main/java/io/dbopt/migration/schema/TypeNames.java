package io.dbopt.migration.schema;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Normalises type names so that the catalog's spelling, a script's spelling and a hand-written expectation compare
 * equal: PostgreSQL {@code character varying(20)} and {@code varchar(20)}, {@code int4} and {@code integer};
 * MariaDB {@code int(11)} and {@code int}. The result is always valid DDL on its dialect.
 */
public final class TypeNames {

    private static final Map<String, String> POSTGRES = Map.ofEntries(
            Map.entry("int", "integer"), Map.entry("int4", "integer"), Map.entry("integer", "integer"),
            Map.entry("int8", "bigint"), Map.entry("int2", "smallint"), Map.entry("bool", "boolean"),
            Map.entry("float8", "double precision"), Map.entry("float4", "real"),
            Map.entry("character varying", "varchar"), Map.entry("character", "char"), Map.entry("bpchar", "char"),
            Map.entry("timestamp without time zone", "timestamp"), Map.entry("timestamp with time zone", "timestamptz"),
            Map.entry("time without time zone", "time"), Map.entry("time with time zone", "timetz"),
            Map.entry("decimal", "numeric"), Map.entry("serial4", "serial"), Map.entry("serial8", "bigserial"),
            Map.entry("serial2", "smallserial"));
    private static final Map<String, String> MARIADB = Map.of("integer", "int", "bool", "tinyint(1)",
            "boolean", "tinyint(1)", "dec", "decimal", "numeric", "decimal");
    private static final Pattern WITH_ARGS = Pattern.compile("([a-z ]+?)\\s*\\(([^)]*)\\)\\s*(.*)");
    private static final Pattern INT_WIDTH = Pattern.compile("(tinyint|smallint|mediumint|int|bigint)\\((\\d+)\\)(.*)");

    private TypeNames() {
    }

    /**
     * The canonical spelling of a type on a dialect.
     *
     * @param dialectFolder {@code postgresql} or {@code mariadb}
     * @param type a type as written or as the catalog reports it
     */
    public static String normalise(String dialectFolder, String type) {
        String t = type.strip().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
        return "postgresql".equals(dialectFolder) ? postgres(t) : mariaDb(t);
    }

    private static String postgres(String t) {
        String array = "";
        while (t.endsWith("[]")) {
            array += "[]";
            t = t.substring(0, t.length() - 2).strip();
        }
        Matcher m = WITH_ARGS.matcher(t);
        if (m.matches()) {
            String base = (m.group(1).strip() + " " + m.group(3).strip()).strip();
            String mapped = POSTGRES.getOrDefault(base, base);
            String args = m.group(2).replace(" ", "");
            return mapped + "(" + args + ")" + array;
        }
        return POSTGRES.getOrDefault(t, t) + array;
    }

    private static String mariaDb(String t) {
        Matcher m = INT_WIDTH.matcher(t);
        if (m.matches() && !(m.group(1).equals("tinyint") && m.group(2).equals("1"))) {
            t = m.group(1) + m.group(3);
        }
        return MARIADB.getOrDefault(t, t).replace(" (", "(");
    }
}
