package io.dbopt.json;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Objects;

/**
 * Transparent reads and writes of one column through a {@link JsonCompressor}: {@link #write} binds a value
 * compressed (or plain, under the size threshold), {@link #read} returns the original text whatever form the row
 * holds, so compressed and plain rows can live side by side while a migration runs.
 *
 * <pre>{@code
 * CompressedColumn content = compressor.column(ColumnRef.of("documents", "content"), ColumnEncoding.BINARY);
 * try (PreparedStatement ps = c.prepareStatement("UPDATE documents SET content = ? WHERE id = ?")) {
 *     content.write(ps, 1, html);
 *     ps.setLong(2, id);
 *     ps.executeUpdate();
 * }
 * String html = content.read(rs, "content");
 * }</pre>
 *
 * <p>Thread-safe; it holds no JDBC resources. Reading a damaged value throws a {@link io.dbopt.core.DbOptException}
 * with {@link JsonErrorCode#CORRUPT_VALUE}, {@link JsonErrorCode#VALUE_TOO_LARGE} or
 * {@link JsonErrorCode#UNKNOWN_DICTIONARY}.
 */
public final class CompressedColumn {

    private final JsonCompressor compressor;
    private final ColumnRef column;
    private final ColumnEncoding encoding;
    private final String scope;

    CompressedColumn(JsonCompressor compressor, ColumnRef column, ColumnEncoding encoding, String scope) {
        this.compressor = compressor;
        this.column = Objects.requireNonNull(column, "column");
        this.encoding = Objects.requireNonNull(encoding, "encoding");
        this.scope = scope;
    }

    /** The column. */
    public ColumnRef column() {
        return column;
    }

    /** How values are kept in it. */
    public ColumnEncoding encoding() {
        return encoding;
    }

    /** The stored form of a value: {@code byte[]} for {@link ColumnEncoding#BINARY}, {@code String} for TEXT. */
    public Object encode(String value) {
        Objects.requireNonNull(value, "value");
        return encoding == ColumnEncoding.BINARY ? compressor.compress(value, scope)
                : compressor.compressToText(value, scope);
    }

    /** The original text of a stored form ({@code byte[]} or {@code String}); null stays null. */
    public String decode(Object stored) {
        if (stored == null) {
            return null;
        }
        if (stored instanceof byte[] bytes) {
            return compressor.decompress(bytes, column.toString());
        }
        if (stored instanceof String text) {
            return compressor.decompressText(text, column.toString());
        }
        throw new IllegalArgumentException("A stored value of " + column + " is a byte[] or a String, was "
                + stored.getClass().getName());
    }

    /** Binds a value (null binds SQL NULL). */
    public void write(PreparedStatement ps, int index, String value) throws SQLException {
        if (value == null) {
            ps.setNull(index, encoding == ColumnEncoding.BINARY ? java.sql.Types.VARBINARY : java.sql.Types.VARCHAR);
        } else if (encoding == ColumnEncoding.BINARY) {
            ps.setBytes(index, (byte[]) encode(value));
        } else {
            ps.setString(index, (String) encode(value));
        }
    }

    /** Reads a value by column label; SQL NULL reads as null. */
    public String read(ResultSet rs, String label) throws SQLException {
        return decode(encoding == ColumnEncoding.BINARY ? rs.getBytes(label) : rs.getString(label));
    }

    /** Reads a value by column index; SQL NULL reads as null. */
    public String read(ResultSet rs, int index) throws SQLException {
        return decode(encoding == ColumnEncoding.BINARY ? rs.getBytes(index) : rs.getString(index));
    }
}
