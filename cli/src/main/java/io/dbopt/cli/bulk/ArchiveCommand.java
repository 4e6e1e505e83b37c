package io.dbopt.cli.bulk;

import io.dbopt.bulk.archive.ArchiveJob;
import io.dbopt.bulk.archive.ArchivePlan;
import io.dbopt.bulk.archive.ArchiveResult;
import io.dbopt.cli.ConnectionOptions;
import io.dbopt.cli.ExitCodes;
import io.dbopt.cli.console.ConsoleMode;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code dbopt archive}: moves rows matching a condition into an archive table, chunk by chunk, verified. */
@Command(name = "archive", mixinStandardHelpOptions = true,
        description = {"Moves the rows of a table that match --where into an archive table with the same columns, "
                + "chunk by chunk: each chunk copies then deletes its rows in one transaction, checked by counts.",
            "With --dry-run, says how many rows and bytes would move. A job stopped at any point resumes with the "
                + "same --job-id."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:moved (or dry run done)", "2:invalid command line or table",
            "3:the database failed or counts did not match (the chunk rolled back)"})
public final class ArchiveCommand implements Callable<Integer> {

    @Mixin
    ConnectionOptions connection = new ConnectionOptions();

    @Option(names = "--table", required = true, paramLabel = "TABLE", description = "The table rows are moved from.")
    String table;

    @Option(names = "--archive-table", required = true, paramLabel = "TABLE",
            description = "The table rows are moved into (same columns).")
    String archiveTable;

    @Option(names = "--where", required = true, paramLabel = "CONDITION",
            description = "SQL condition of the rows to move, e.g. \"status = 'closed' AND closed_at < now() - "
                    + "interval '90 days'\" (written by you: it runs as given).")
    String where;

    @Option(names = "--schema", paramLabel = "SCHEMA", description = "The schema (PostgreSQL) or database of both.")
    String schema;

    @Option(names = "--key", paramLabel = "COLUMN", defaultValue = "id",
            description = "The integer key column chunks are cut on (default: ${DEFAULT-VALUE}).")
    String key;

    @Option(names = "--job-id", paramLabel = "ID",
            description = "Resume this job, or name a new one (default: archive-<table>-<UTC time>).")
    String jobId;

    @Option(names = "--chunk-size", paramLabel = "KEYS", description = "Keys in the first chunk (then adapted).")
    Integer chunkSize;

    @Option(names = "--dry-run", description = "Only say how many rows and bytes would move.")
    boolean dryRun;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        return BulkCli.run("archive", connection, spec.commandLine().getParseResult().originalArgs(), err,
                ConsoleMode.of(spec), Map.of(),
                bulk -> {
                    String id = jobId != null ? jobId : "archive-" + table + "-" + DateTimeFormatter
                            .ofPattern("yyyyMMdd'T'HHmmss").withZone(ZoneOffset.UTC).format(Instant.now());
                    ArchiveJob.Builder b = ArchiveJob.builder(table, archiveTable, id).where(where).keyColumn(key);
                    if (schema != null) {
                        b.schema(schema);
                    }
                    if (chunkSize != null) {
                        b.chunkSize(chunkSize);
                    }
                    ArchiveJob job = b.build();
                    if (dryRun) {
                        ArchivePlan p = bulk.planArchive(job);
                        out.printf(Locale.ROOT, "dry run: %,d rows (%s%,d bytes) of %s would move to %s%n", p.rows(),
                                p.bytesEstimated() ? "about " : "", p.bytes(), table, archiveTable);
                        out.flush();
                        return ExitCodes.OK;
                    }
                    ArchiveResult r = bulk.archive(job);
                    out.printf(Locale.ROOT, "job %s: %,d rows moved from %s to %s in %,d chunks, %.1f s; %,d rows "
                                    + "still match%n", r.jobId(), r.rowsMoved(), table, archiveTable, r.chunks(),
                            r.elapsed().toNanos() / 1e9, r.remaining());
                    out.flush();
                    return ExitCodes.OK;
                });
    }
}
