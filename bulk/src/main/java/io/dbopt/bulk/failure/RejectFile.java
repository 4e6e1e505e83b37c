package io.dbopt.bulk.failure;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Writes rejected rows to a file, one tab-separated line each: row number, column, SQLState, reason and, when the
 * load showed values, the values. Appends, so a resumed load adds to the same file. Thread-safe; close it after the
 * load.
 */
public final class RejectFile implements BadRowHandler, AutoCloseable {

    private final Path path;
    private final BufferedWriter writer;

    private RejectFile(Path path, BufferedWriter writer) {
        this.path = path;
        this.writer = writer;
    }

    /**
     * Opens (creates or appends to) a reject file.
     *
     * @throws UncheckedIOException when the file cannot be opened
     */
    public static RejectFile append(Path path) {
        try {
            return new RejectFile(path, Files.newBufferedWriter(path, StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot open the reject file " + path + ": check the directory exists and "
                    + "is writable", e);
        }
    }

    /** The file written to. */
    public Path path() {
        return path;
    }

    @Override
    public synchronized void onBadRow(BadRow row) throws IOException {
        StringBuilder line = new StringBuilder();
        line.append(row.rowNumber()).append('\t').append(clean(row.column().orElse(""))).append('\t')
                .append(row.sqlState()).append('\t').append(clean(row.reason()));
        for (String v : row.values()) {
            line.append('\t').append(clean(v));
        }
        writer.write(line.toString());
        writer.newLine();
        writer.flush();
    }

    private static String clean(String text) {
        return text.replace('\t', ' ').replace('\n', ' ').replace('\r', ' ');
    }

    @Override
    public synchronized void close() {
        try {
            writer.close();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot close the reject file " + path, e);
        }
    }
}
