package io.dbopt.bulk.load;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.stream.Stream;

/**
 * The rows a load reads, one at a time, so that memory does not grow with the input: a collection, an iterator, a
 * stream, a JDBC {@code ResultSet} or a CSV file. A source read by a resumable load must give the same rows in the
 * same order every time (a file, an ordered query), because a resume skips the rows the checkpoint says are done.
 * Not thread-safe; the load closes it.
 *
 * @param <T> the row type
 */
public interface RowSource<T> extends AutoCloseable {

    /** Moves to the next row; false at the end. */
    boolean next() throws Exception;

    /** The current row. */
    T row();

    /** How many rows the source holds, when it knows (a collection). */
    default OptionalLong size() {
        return OptionalLong.empty();
    }

    @Override
    default void close() throws Exception {
    }

    /** The rows of a collection or other iterable. */
    static <T> RowSource<T> of(Iterable<? extends T> rows) {
        Objects.requireNonNull(rows, "rows");
        RowSource<T> it = of(rows.iterator());
        if (rows instanceof java.util.Collection<?> c) {
            long n = c.size();
            return new RowSource<>() {
                @Override
                public boolean next() throws Exception {
                    return it.next();
                }

                @Override
                public T row() {
                    return it.row();
                }

                @Override
                public OptionalLong size() {
                    return OptionalLong.of(n);
                }
            };
        }
        return it;
    }

    /** The rows of an iterator. */
    static <T> RowSource<T> of(Iterator<? extends T> rows) {
        Objects.requireNonNull(rows, "rows");
        return new RowSource<>() {
            private T current;

            @Override
            public boolean next() {
                if (!rows.hasNext()) {
                    return false;
                }
                current = rows.next();
                return true;
            }

            @Override
            public T row() {
                return current;
            }
        };
    }

    /** The rows of a stream; closing the source closes the stream. */
    static <T> RowSource<T> of(Stream<? extends T> rows) {
        Objects.requireNonNull(rows, "rows");
        RowSource<T> it = of(rows.iterator());
        return new RowSource<>() {
            @Override
            public boolean next() throws Exception {
                return it.next();
            }

            @Override
            public T row() {
                return it.row();
            }

            @Override
            public void close() {
                rows.close();
            }
        };
    }

    /**
     * The rows of a result set, as arrays of {@code getObject} values (use {@link RowMapping#positional}). Closing the
     * source does not close the result set: its owner does.
     */
    static RowSource<Object[]> of(ResultSet rows) {
        Objects.requireNonNull(rows, "rows");
        return new RowSource<>() {
            private Object[] current;
            private int columns = -1;

            @Override
            public boolean next() throws SQLException {
                if (!rows.next()) {
                    return false;
                }
                if (columns < 0) {
                    columns = rows.getMetaData().getColumnCount();
                }
                Object[] r = new Object[columns];
                for (int i = 0; i < columns; i++) {
                    r[i] = rows.getObject(i + 1);
                }
                current = r;
                return true;
            }

            @Override
            public Object[] row() {
                return current;
            }
        };
    }

    /**
     * The records of a CSV file (RFC 4180, UTF-8, comma-separated, {@code "} quotes) as arrays of text; empty fields
     * are NULL, as in PostgreSQL's CSV format. With {@code header} the first record is skipped (read it with
     * {@link #csvHeader(Path)} to name the columns).
     *
     * @throws java.io.UncheckedIOException when the file cannot be opened
     */
    static RowSource<Object[]> csv(Path file, boolean header) {
        try {
            return csv(Files.newBufferedReader(file, StandardCharsets.UTF_8), header);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("Cannot open the CSV file " + file, e);
        }
    }

    /** As {@link #csv(Path, boolean)} over a reader, which the source closes. */
    static RowSource<Object[]> csv(Reader reader, boolean header) {
        Objects.requireNonNull(reader, "reader");
        return new CsvRows(reader, header);
    }

    /**
     * The first record of a CSV file, for a header that names the columns.
     *
     * @throws java.io.UncheckedIOException when the file cannot be read or is empty
     */
    static List<String> csvHeader(Path file) {
        try (RowSource<Object[]> rows = csv(file, false)) {
            if (!rows.next()) {
                throw new IOException("the file is empty");
            }
            return Stream.of(rows.row()).map(v -> v == null ? "" : v.toString().trim()).toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("Cannot read the header of the CSV file " + file, e);
        } catch (Exception e) {
            throw new IllegalStateException("Cannot read the header of the CSV file " + file, e);
        }
    }

    /** CSV records read with Jackson's CSV parser. */
    final class CsvRows implements RowSource<Object[]> {
        private static final CsvMapper MAPPER = new CsvMapper().enable(CsvParser.Feature.WRAP_AS_ARRAY);
        private final Reader reader;
        private final boolean header;
        private MappingIterator<String[]> records;
        private Object[] current;

        CsvRows(Reader reader, boolean header) {
            this.reader = reader;
            this.header = header;
        }

        @Override
        public boolean next() throws IOException {
            if (records == null) {
                records = MAPPER.readerFor(String[].class)
                        .with(CsvSchema.emptySchema().withNullValue("").withSkipFirstDataRow(header))
                        .readValues(reader);
            }
            if (!records.hasNextValue()) {
                return false;
            }
            current = records.nextValue();
            return true;
        }

        @Override
        public Object[] row() {
            return current;
        }

        @Override
        public void close() throws IOException {
            try {
                if (records != null) {
                    records.close();
                }
            } finally {
                reader.close();
            }
        }
    }
}
