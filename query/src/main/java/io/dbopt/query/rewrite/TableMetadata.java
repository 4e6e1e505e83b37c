package io.dbopt.query.rewrite;

import java.sql.Types;
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
     * @param jdbcType the {@link Types} constant
     * @param typeName the server's type name
     * @param nullable whether it may hold NULL (unknown counts as nullable)
     */
    record Column(String name, int jdbcType, String typeName, boolean nullable) {

        boolean integral() {
            return jdbcType == Types.INTEGER || jdbcType == Types.BIGINT || jdbcType == Types.SMALLINT
                    || jdbcType == Types.TINYINT;
        }

        boolean textual() {
            return jdbcType == Types.VARCHAR || jdbcType == Types.CHAR || jdbcType == Types.LONGVARCHAR
                    || jdbcType == Types.NVARCHAR || jdbcType == Types.NCHAR || jdbcType == Types.CLOB;
        }

        boolean temporal() {
            String t = typeName.toLowerCase(Locale.ROOT);
            return jdbcType == Types.DATE || jdbcType == Types.TIMESTAMP || jdbcType == Types.TIMESTAMP_WITH_TIMEZONE
                    || t.startsWith("timestamp") || t.startsWith("datetime") || t.equals("date");
        }
    }
}
