package io.dbopt.query.rewrite;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What the rewriter needs to know about one table: its columns in order and which columns lead an index.
 *
 * @param name the table name as stored
 * @param columns the columns in declaration order
 * @param indexLeadingColumns lower-case names of columns that are the first column of some index
 */
record TableMetadata(String name, List<Column> columns, Set<String> indexLeadingColumns) {

    TableMetadata {
        columns = List.copyOf(columns);
        indexLeadingColumns = Set.copyOf(indexLeadingColumns);
    }

    Optional<Column> column(String columnName) {
        String wanted = unquote(columnName);
        return columns.stream().filter(c -> c.name().equalsIgnoreCase(wanted)).findFirst();
    }

    boolean leadsIndex(String columnName) {
        return indexLeadingColumns.contains(unquote(columnName).toLowerCase(Locale.ROOT));
    }

    static String unquote(String name) {
        if (name.length() >= 2 && (name.startsWith("\"") && name.endsWith("\"")
                || name.startsWith("`") && name.endsWith("`"))) {
            return name.substring(1, name.length() - 1);
        }
        return name;
    }

    /**
     * One column.
     *
     * @param name the name as stored
     * @param type the server's type name, lower case: on PostgreSQL the base type's {@code pg_type.typname} (a
     *        domain counts as its base type), on MariaDB {@code information_schema.COLUMNS.DATA_TYPE}
     * @param nullable whether it may hold NULL
     */
    record Column(String name, String type, boolean nullable) {

        /** PostgreSQL's and MariaDB's integer types (MariaDB's {@code tinyint(1)} included: it holds numbers). */
        private static final Set<String> INTEGRAL = Set.of("int2", "int4", "int8", "tinyint", "smallint",
                "mediumint", "int", "integer", "bigint");
        /** Character types: PostgreSQL's {@code varchar}, {@code bpchar}, {@code text}, {@code name}, {@code "char"};
         *  MariaDB's {@code char}, {@code varchar}, the {@code text} family, {@code enum} and {@code set} (compared
         *  as strings). */
        private static final Set<String> TEXTUAL = Set.of("varchar", "bpchar", "text", "name", "char", "tinytext",
                "mediumtext", "longtext", "enum", "set");

        Column {
            type = type.toLowerCase(Locale.ROOT);
        }

        boolean integral() {
            return INTEGRAL.contains(type);
        }

        boolean textual() {
            return TEXTUAL.contains(type);
        }

        /**
         * PostgreSQL's {@code date}, {@code timestamp}, {@code timestamptz}; MariaDB's {@code date}, {@code datetime},
         * {@code timestamp} and {@code year} (a date to MariaDB Connector/J).
         */
        boolean temporal() {
            return type.startsWith("timestamp") || type.startsWith("datetime") || type.equals("date")
                    || type.equals("year");
        }
    }
}
