package io.dbopt.index.analysis;

import java.util.Locale;

/** Typical stored widths of column types in bytes, for size estimates when the server has no statistics. */
final class TypeWidths {

    private TypeWidths() {
    }

    static double of(String type) {
        String t = type.toLowerCase(Locale.ROOT);
        return switch (t) {
            case "bool", "boolean", "tinyint", "bit" -> 1;
            case "int2", "smallint", "year" -> 2;
            case "int4", "integer", "int", "mediumint", "date", "float4", "real", "float" -> 4;
            case "int8", "bigint", "timestamp", "timestamptz", "datetime", "time", "float8", "double", "money" -> 8;
            case "numeric", "decimal" -> 8;
            case "uuid" -> 16;
            case "json", "jsonb", "text", "longtext", "mediumtext", "blob", "longblob", "bytea", "array" -> 64;
            default -> 16;
        };
    }

    static boolean isNumeric(String type) {
        String t = type.toLowerCase(Locale.ROOT);
        return t.startsWith("int") || t.equals("bigint") || t.equals("smallint") || t.equals("tinyint")
                || t.equals("mediumint") || t.startsWith("float") || t.equals("double") || t.equals("real")
                || t.equals("numeric") || t.equals("decimal");
    }
}
