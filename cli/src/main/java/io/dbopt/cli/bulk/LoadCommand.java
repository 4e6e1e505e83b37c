package io.dbopt.cli.bulk;

import io.dbopt.bulk.failure.RejectFile;
import io.dbopt.bulk.load.LoadRequest;
import io.dbopt.bulk.load.LoadResult;
import io.dbopt.bulk.load.LoadStrategy;
import io.dbopt.bulk.load.RowMapping;
import io.dbopt.bulk.load.RowSource;
import io.dbopt.cli.ConnectionOptions;
import io.dbopt.cli.ExitCodes;
import io.dbopt.cli.console.ConsoleMode;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code dbopt load}: loads a CSV file into a table at COPY / LOAD DATA speed, with bad rows reported. */
@Command(name = "load", mixinStandardHelpOptions = true,
        description = {"Loads a CSV file into a table: COPY on PostgreSQL, LOAD DATA LOCAL INFILE on MariaDB, in "
                + "chunks of one transaction each.",
            "Bad rows are reported with their line and column (values masked unless --show-values); with --job-id "
                + "a rerun resumes after the last committed chunk."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every row loaded", "1:some rows were rejected (at most --max-errors)",
            "2:invalid command line, table or column", "3:the database failed or more rows were rejected"})
public final class LoadCommand implements Callable<Integer> {

    @Mixin
    ConnectionOptions connection = new ConnectionOptions();

    @Option(names = "--file", required = true, paramLabel = "CSV", description = "The CSV file (UTF-8, RFC 4180).")
    Path file;

    @Option(names = "--table", required = true, paramLabel = "TABLE", description = "The target table.")
    String table;

    @Option(names = "--schema", paramLabel = "SCHEMA", description = "The table's schema (PostgreSQL) or database.")
    String schema;

    @Option(names = "--columns", split = ",", paramLabel = "COLUMN",
            description = "The target columns in file order (default: the file's header).")
    List<String> columns = new ArrayList<>();

    @Option(names = "--no-header", description = "The file has no header line (give --columns).")
    boolean noHeader;

    @Option(names = "--strategy", paramLabel = "STRATEGY", defaultValue = "AUTO",
            description = "auto, copy-text, copy-binary, load-data or batch-insert (default: ${DEFAULT-VALUE}).")
    String strategy;

    @Option(names = "--upsert-on", split = ",", paramLabel = "KEY",
            description = "Upsert on these key columns (staging table, then INSERT ... ON CONFLICT / ON DUPLICATE KEY).")
    List<String> upsertOn = new ArrayList<>();

    @Option(names = "--max-errors", paramLabel = "N", defaultValue = "0",
            description = "Rows that may be rejected before the load stops (default: ${DEFAULT-VALUE}).")
    long maxErrors;

    @Option(names = "--reject-file", paramLabel = "PATH", description = "Append rejected rows to this file.")
    Path rejectFile;

    @Option(names = "--show-values", description = "Show the values of rejected rows (masked by default).")
    boolean showValues;

    @Option(names = "--job-id", paramLabel = "ID", description = "Make the load resumable under this id.")
    String jobId;

    @Option(names = "--chunk-rows", paramLabel = "N", description = "Rows per chunk (default: bulk.chunk_rows).")
    Integer chunkRows;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        return BulkCli.run("load", connection, spec.commandLine().getParseResult().originalArgs(), err,
                ConsoleMode.of(spec), Map.of(),
                bulk -> {
                    if (!Files.isReadable(file)) {
                        throw new IllegalArgumentException("--file " + file + " cannot be read");
                    }
                    List<String> cols = columns.isEmpty() ? header() : columns;
                    LoadRequest<Object[]> request = LoadRequest.into(table, RowMapping.positional(cols))
                            .strategy(strategy())
                            .maxErrors(maxErrors).showValues(showValues);
                    if (schema != null) {
                        request.schema(schema);
                    }
                    if (!upsertOn.isEmpty()) {
                        request.upsertOn(upsertOn.toArray(String[]::new));
                    }
                    if (jobId != null) {
                        request.jobId(jobId);
                    }
                    if (chunkRows != null) {
                        request.chunkRows(chunkRows);
                    }
                    RejectFile rejects = rejectFile == null ? null : RejectFile.append(rejectFile);
                    try {
                        if (rejects != null) {
                            request.onBadRow(rejects);
                        }
                        LoadResult r = bulk.load(request, RowSource.csv(file, !noHeader));
                        print(out, r);
                        return r.rowsRejected() > 0 ? ExitCodes.FINDINGS : ExitCodes.OK;
                    } finally {
                        if (rejects != null) {
                            rejects.close();
                        }
                    }
                });
    }

    private List<String> header() {
        if (noHeader) {
            throw new IllegalArgumentException("--no-header needs --columns a,b,c");
        }
        return RowSource.csvHeader(file);
    }

    private LoadStrategy strategy() {
        try {
            return LoadStrategy.valueOf(strategy.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--strategy '" + strategy + "' is not one of auto, copy-text, "
                    + "copy-binary, load-data, batch-insert", e);
        }
    }

    private static void print(PrintWriter out, LoadResult r) {
        Map<String, Object> lines = new LinkedHashMap<>();
        lines.put("table", r.table());
        lines.put("strategy", r.strategy().name().toLowerCase(Locale.ROOT).replace('_', '-'));
        lines.put("rows read", String.format(Locale.ROOT, "%,d", r.rowsRead()));
        if (r.rowsSkipped() > 0) {
            lines.put("rows skipped (resumed)", String.format(Locale.ROOT, "%,d", r.rowsSkipped()));
        }
        lines.put("rows inserted", String.format(Locale.ROOT, "%,d", r.rowsInserted()));
        if (r.rowsUpdated() > 0) {
            lines.put("rows updated", String.format(Locale.ROOT, "%,d", r.rowsUpdated()));
        }
        lines.put("rows rejected", String.format(Locale.ROOT, "%,d", r.rowsRejected()));
        lines.put("chunks", r.chunks());
        lines.put("time", String.format(Locale.ROOT, "%.1f s (%,.0f rows/s)", r.elapsed().toNanos() / 1e9,
                r.rowsPerSecond()));
        lines.forEach((k, v) -> out.printf(Locale.ROOT, "%-24s %s%n", k, v));
        r.badRows().forEach(b -> out.println("rejected: " + b.describe()));
        out.flush();
    }
}
