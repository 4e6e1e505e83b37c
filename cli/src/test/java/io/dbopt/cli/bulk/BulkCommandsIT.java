package io.dbopt.cli.bulk;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbopt.cli.DbOptCommand;
import io.dbopt.testkit.DbTest;
import io.dbopt.testkit.DialectTest;
import io.dbopt.testkit.TestDatabase;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code dbopt load} and {@code dbopt archive} on both servers. */
@DbTest
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class BulkCommandsIT {

    record Run(int code, String out, String err) {
    }

    static Run run(TestDatabase db, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--url");
        all.add(db.jdbcUrl());
        all.add("--user");
        all.add(db.user());
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = DbOptCommand.run(new PrintWriter(out, true), new PrintWriter(err, true), all.toArray(String[]::new));
        return new Run(code, out.toString(), err.toString());
    }

    @DialectTest
    void loadsACsvFileReportsTheBadRowAndWritesTheRejectFile(TestDatabase db, @TempDir Path dir) throws Exception {
        db.execute("DROP TABLE IF EXISTS tickets", "CREATE TABLE tickets (id int PRIMARY KEY, title varchar(20) NOT "
                + "NULL, points int)");
        Path csv = dir.resolve("tickets.csv");
        StringBuilder sb = new StringBuilder("id,title,points\n");
        for (int i = 1; i <= 500; i++) {
            sb.append(i).append(",ticket ").append(i).append(',').append(i == 321 ? "many" : i % 8).append('\n');
        }
        Files.writeString(csv, sb);
        Path rejects = dir.resolve("rejects.tsv");
        Run r = run(db, "load", "--file", csv.toString(), "--table", "tickets", "--max-errors", "10",
                "--reject-file", rejects.toString(), "--chunk-rows", "100");
        assertThat(r.code()).as(r.err()).isEqualTo(1);
        assertThat(r.out()).contains("rows inserted            499").contains("rows rejected            1")
                .contains("rejected: row 321, column points");
        assertThat(r.out() + r.err()).doesNotContain("many");
        assertThat(r.err()).contains("[load] tickets: done, 499 rows");
        assertThat(Files.readString(rejects)).startsWith("321\tpoints\t");
        assertThat(db.queryLong("SELECT COUNT(*) FROM tickets")).isEqualTo(499);

        Run missing = run(db, "load", "--file", csv.toString(), "--table", "no_such_table");
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).contains("no_such_table", "does not exist");
    }

    @DialectTest
    void archivesWithADryRunFirst(TestDatabase db) {
        db.execute("DROP TABLE IF EXISTS handoffs", "DROP TABLE IF EXISTS handoffs_archive",
                "CREATE TABLE handoffs (id int PRIMARY KEY, status varchar(10))",
                "CREATE TABLE handoffs_archive (id int PRIMARY KEY, status varchar(10))",
                "INSERT INTO handoffs VALUES (1, 'open'), (2, 'closed'), (3, 'closed'), (4, 'open')");
        Run dry = run(db, "archive", "--table", "handoffs", "--archive-table", "handoffs_archive", "--where",
                "status = 'closed'", "--dry-run");
        assertThat(dry.code()).as(dry.err()).isZero();
        assertThat(dry.out()).contains("dry run: 2 rows");
        assertThat(db.queryLong("SELECT COUNT(*) FROM handoffs")).isEqualTo(4);

        Run moved = run(db, "archive", "--table", "handoffs", "--archive-table", "handoffs_archive", "--where",
                "status = 'closed'", "--job-id", "cli-archive");
        assertThat(moved.code()).as(moved.err()).isZero();
        assertThat(moved.out()).contains("job cli-archive: 2 rows moved").contains("0 rows still match");
        assertThat(db.queryLong("SELECT COUNT(*) FROM handoffs_archive")).isEqualTo(2);
    }
}
