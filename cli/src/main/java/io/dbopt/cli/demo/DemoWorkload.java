package io.dbopt.cli.demo;

import io.dbopt.core.DbOptException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * A short run of the demo application's requests, written the way the seed review found them: a project list
 * that loads each project's lead and task count one query at a time (N+1), a task list paged with OFFSET, a task
 * board that needs a composite index, jsonb containment without a GIN index, and a few writes. Each request runs
 * in its own scope (the profiler's unit for N+1 detection) on its own borrowed connection, as a web application's
 * would. Run it through a profiling data source to see what dbopt finds.
 */
public final class DemoWorkload {

    /** Opens a named scope around one page load, e.g. the query profiler's N+1 scope; may do nothing. */
    @FunctionalInterface
    public interface ScopeOpener {
        /** Opens the scope; closing the result ends it. */
        AutoCloseable open(String name) throws Exception;
    }

    /**
     * What the run did.
     *
     * @param statements statements executed
     * @param elapsed wall-clock time of the run
     */
    public record Summary(int statements, Duration elapsed) {
    }

    private final DataSource dataSource;
    private final ScopeOpener scopes;
    private int statements;

    /** A workload over a data source, with page loads wrapped in scopes from {@code scopes}. */
    public DemoWorkload(DataSource dataSource, ScopeOpener scopes) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.scopes = Objects.requireNonNull(scopes, "scopes");
    }

    /** A workload without scopes. */
    public DemoWorkload(DataSource dataSource) {
        this(dataSource, name -> () -> { });
    }

    /** Runs every page load once. Not thread-safe. */
    public Summary run() {
        long t0 = System.nanoTime();
        statements = 0;
        try {
            page("project-list", this::projectListWithNPlusOne);
            requests("task-pages", 6, this::taskListWithOffset);
            requests("task-board", 20, this::taskBoard);
            requests("document-search", 12, this::documentsByProperty);
            requests("handoff-dashboard", 9, this::handoffDashboard);
            requests("todos-due", 20, this::todosDueSoon);
            requests("my-tasks", 10, this::assignedTasks);
            requests("document-history", 10, this::documentHistory);
            page("update-task", this::updateTaskInTransaction);
        } catch (SQLException e) {
            throw DbOptException.sqlFailed("running the demo workload", e);
        } catch (Exception e) {
            throw new IllegalStateException("The demo workload failed: " + e.getMessage(), e);
        }
        return new Summary(statements, Duration.ofNanos(System.nanoTime() - t0));
    }

    @FunctionalInterface
    private interface Page {
        void load(Connection c) throws SQLException;
    }

    @FunctionalInterface
    private interface Request {
        void serve(Connection c, int i) throws SQLException;
    }

    /** One page load: one scope, one connection, however many statements the page runs. */
    private void page(String name, Page page) throws Exception {
        try (AutoCloseable scope = scopes.open(name); Connection c = dataSource.getConnection()) {
            page.load(c);
        }
    }

    /** {@code count} requests for the same page with different parameters, each its own scope and connection. */
    private void requests(String name, int count, Request request) throws Exception {
        for (int i = 0; i < count; i++) {
            try (AutoCloseable scope = scopes.open(name); Connection c = dataSource.getConnection()) {
                request.serve(c, i);
            }
        }
    }

    /** The seed's project list: one query for the projects, then two per project (lead, task count). */
    private void projectListWithNPlusOne(Connection c) throws SQLException {
        List<long[]> projects = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT id, lead_id FROM projects WHERE status = ? ORDER BY created_at DESC LIMIT 40")) {
            ps.setString(1, "active");
            try (ResultSet rs = execute(ps)) {
                while (rs.next()) {
                    projects.add(new long[] {rs.getLong(1), rs.getLong(2)});
                }
            }
        }
        for (long[] project : projects) {
            try (PreparedStatement lead = c.prepareStatement("SELECT full_name FROM users WHERE id = ?")) {
                lead.setLong(1, project[1]);
                drain(execute(lead));
            }
            try (PreparedStatement count = c.prepareStatement("SELECT count(*) FROM tasks WHERE project_id = ?")) {
                count.setLong(1, project[0]);
                drain(execute(count));
            }
        }
    }

    private void taskListWithOffset(Connection c, int i) throws SQLException {
        int[] offsets = {0, 40_000, 80_000, 120_000, 160_000, 199_000};
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT id, title, status_id FROM tasks ORDER BY id LIMIT 50 OFFSET ?")) {
            ps.setInt(1, offsets[i % offsets.length]);
            drain(execute(ps));
        }
    }

    private void taskBoard(Connection c, int i) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT id, title, position FROM tasks "
                + "WHERE project_id = ? AND status_id = ? ORDER BY position LIMIT 50")) {
            ps.setLong(1, 1 + (i * 97L) % 2000);
            ps.setInt(2, 1 + i % 6);
            drain(execute(ps));
        }
    }

    private void documentsByProperty(Connection c, int i) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT id, title FROM documents WHERE properties @> CAST(? AS jsonb)")) {
            ps.setString(1, "{\"team\": \"team-" + i + "\"}");
            drain(execute(ps));
        }
    }

    private void handoffDashboard(Connection c, int i) throws SQLException {
        String[] statuses = {"open", "acknowledged", "in_progress"};
        String[] shifts = {"day", "swing", "night"};
        try (PreparedStatement ps = c.prepareStatement("SELECT id, title, due_date FROM handoffs "
                + "WHERE status = ? AND shift = ? ORDER BY due_date LIMIT 50")) {
            ps.setString(1, statuses[i % 3]);
            ps.setString(2, shifts[(i / 3) % 3]);
            drain(execute(ps));
        }
    }

    private void todosDueSoon(Connection c, int i) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT id, title, due_date FROM todos "
                + "WHERE project_id = ? AND done = false AND due_date <= current_date + 7 ORDER BY due_date")) {
            ps.setLong(1, 1 + (i * 37L) % 2000);
            drain(execute(ps));
        }
    }

    private void assignedTasks(Connection c, int i) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT id, title FROM tasks WHERE assigned_to_id = ? AND status_id <> 5")) {
            ps.setLong(1, 1 + (i * 401L) % 5000);
            drain(execute(ps));
        }
    }

    private void documentHistory(Connection c, int i) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT changed_at, changed_by FROM document_history "
                + "WHERE document_id = ? ORDER BY changed_at DESC")) {
            ps.setLong(1, 1 + (i * 211L) % 3000);
            drain(execute(ps));
        }
    }

    private void updateTaskInTransaction(Connection c) throws SQLException {
        c.setAutoCommit(false);
        try {
            try (PreparedStatement ps = c.prepareStatement("UPDATE tasks SET status_id = ? WHERE id = ?")) {
                for (int i = 0; i < 5; i++) {
                    ps.setInt(1, 2);
                    ps.setLong(2, 1 + i * 1000L);
                    ps.executeUpdate();
                    statements++;
                }
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO todos (project_id, task_id, title, due_date) VALUES (?, ?, ?, current_date + 3)")) {
                ps.setLong(1, 1);
                ps.setLong(2, 1);
                ps.setString(3, "Follow up on the demo");
                ps.executeUpdate();
                statements++;
            }
            c.commit();
        } catch (SQLException e) {
            try {
                c.rollback();
            } catch (SQLException rollbackFailure) {
                e.addSuppressed(rollbackFailure);
            }
            throw e;
        } finally {
            c.setAutoCommit(true);
        }
    }

    private ResultSet execute(PreparedStatement ps) throws SQLException {
        statements++;
        return ps.executeQuery();
    }

    private static void drain(ResultSet rs) throws SQLException {
        try (rs) {
            while (rs.next()) {
                rs.getObject(1);
            }
        }
    }
}
