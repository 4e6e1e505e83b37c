package com.example.app;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;

/** Application code paging through tasks with OFFSET, as the seed's task list did. */
public final class TaskPages {

    private final DataSource dataSource;

    public TaskPages(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public static String createSchema(boolean postgres, int rows) {
        return postgres ? "INSERT INTO tasks SELECT n, n % 500, 'task ' || n FROM generate_series(1, " + rows + ") n"
                : "INSERT INTO tasks SELECT seq, seq % 500, CONCAT('task ', seq) FROM seq_1_to_" + rows;
    }

    public int pages(int... offsets) throws SQLException {
        int rows = 0;
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT id, title FROM tasks ORDER BY id LIMIT 20 OFFSET ?")) {
            for (int offset : offsets) {
                ps.setInt(1, offset);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        rows++;
                    }
                }
            }
        }
        return rows;
    }

    public long countForProject(long projectId) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM tasks WHERE project_id = ?")) {
            ps.setLong(1, projectId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
