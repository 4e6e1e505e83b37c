package com.example.app;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import javax.sql.DataSource;

/**
 * Application code as the profiler sees it: lives outside dbopt's packages, so its frames are call sites. Loads
 * project leads one at a time (N+1) or in one query.
 */
public final class ProjectRepository {

    private final DataSource dataSource;

    public ProjectRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public static void createSchema(Connection c, int users) throws SQLException {
        try (var st = c.createStatement()) {
            st.execute("CREATE TABLE users (id bigint PRIMARY KEY, full_name varchar(100) NOT NULL)");
            st.execute("CREATE TABLE projects (id bigint PRIMARY KEY, lead_id bigint NOT NULL, name varchar(100))");
        }
        try (PreparedStatement u = c.prepareStatement("INSERT INTO users (id, full_name) VALUES (?, ?)");
             PreparedStatement p = c.prepareStatement("INSERT INTO projects (id, lead_id, name) VALUES (?, ?, ?)")) {
            for (int i = 1; i <= users; i++) {
                u.setLong(1, i);
                u.setString(2, "User " + i);
                u.addBatch();
                p.setLong(1, i);
                p.setLong(2, i);
                p.setString(3, "Project " + i);
                p.addBatch();
            }
            u.executeBatch();
            p.executeBatch();
        }
    }

    /** The N+1 way: one query for the projects, then one per project for its lead. */
    public List<String> leadsOneByOne(Connection c) throws SQLException {
        List<Long> leadIds = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT lead_id FROM projects ORDER BY id");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                leadIds.add(rs.getLong(1));
            }
        }
        List<String> names = new ArrayList<>();
        for (long leadId : leadIds) {
            try (PreparedStatement ps = c.prepareStatement("SELECT full_name FROM users WHERE id = ?")) {
                ps.setLong(1, leadId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        names.add(rs.getString(1));
                    }
                }
            }
        }
        return names;
    }

    /** The N+1 loop again, with the rows read by a helper, as code that hands result sets around does. */
    public int leadsReadByAHelper() throws SQLException {
        int rows = 0;
        try (Connection c = dataSource.getConnection()) {
            for (long leadId = 1; leadId <= 12; leadId++) {
                try (PreparedStatement ps = c.prepareStatement("SELECT full_name FROM users WHERE id = ?")) {
                    ps.setLong(1, leadId);
                    rows += drain(ps.executeQuery());
                }
            }
        }
        return rows;
    }

    /** The N+1 loop once more, executing through a helper every statement of the class goes through. */
    public int leadsThroughAHelper() throws SQLException {
        int rows = 0;
        try (Connection c = dataSource.getConnection()) {
            for (long leadId = 1; leadId <= 12; leadId++) {
                try (PreparedStatement ps = c.prepareStatement("SELECT full_name FROM users WHERE id = ?")) {
                    ps.setLong(1, leadId);
                    rows += drain(execute(ps));
                }
            }
        }
        return rows;
    }

    private static ResultSet execute(PreparedStatement ps) throws SQLException {
        return ps.executeQuery();
    }

    private static int drain(ResultSet rs) throws SQLException {
        int rows = 0;
        try (rs) {
            while (rs.next()) {
                rows++;
            }
        }
        return rows;
    }

    public List<String> leadsOneByOne() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return leadsOneByOne(c);
        }
    }

    /** The same lead loaded again and again: identical parameters. */
    public void sameLeadRepeatedly(int times) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT full_name FROM users WHERE id = ?")) {
            for (int i = 0; i < times; i++) {
                ps.setLong(1, 1);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                }
            }
        }
    }

    /** The batched way: all leads in one query. */
    public List<String> leadsInOneQuery(boolean postgres) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            List<Long> leadIds = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT lead_id FROM projects ORDER BY id");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    leadIds.add(rs.getLong(1));
                }
            }
            List<String> names = new ArrayList<>();
            if (postgres) {
                try (PreparedStatement ps = c.prepareStatement("SELECT full_name FROM users WHERE id = ANY(?)")) {
                    Array ids = c.createArrayOf("bigint", leadIds.toArray());
                    ps.setArray(1, ids);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            names.add(rs.getString(1));
                        }
                    }
                }
            } else {
                StringJoiner marks = new StringJoiner(", ", "(", ")");
                leadIds.forEach(id -> marks.add("?"));
                try (PreparedStatement ps = c.prepareStatement("SELECT full_name FROM users WHERE id IN " + marks)) {
                    for (int i = 0; i < leadIds.size(); i++) {
                        ps.setLong(i + 1, leadIds.get(i));
                    }
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            names.add(rs.getString(1));
                        }
                    }
                }
            }
            return names;
        }
    }

    /** Renames every project with one UPDATE per row, or as one batch. */
    public void renameProjects(int count, boolean batched) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("UPDATE projects SET name = ? WHERE id = ?")) {
            for (int i = 1; i <= count; i++) {
                ps.setString(1, "Renamed " + i);
                ps.setLong(2, i);
                if (batched) {
                    ps.addBatch();
                } else {
                    ps.executeUpdate();
                }
            }
            if (batched) {
                ps.executeBatch();
            }
        }
    }
}
