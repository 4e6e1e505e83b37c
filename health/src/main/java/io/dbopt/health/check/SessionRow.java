package io.dbopt.health.check;

import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * One session a session check found: its server id, user, application (PostgreSQL) or client host (MariaDB), how
 * long it has been in the state checked, and the session blocking it (0 when none or not a lock wait).
 */
record SessionRow(long pid, String user, String application, double seconds, long blockerPid) {

    static SessionRow map(ResultSet rs) throws SQLException {
        long blocker = 0;
        if (rs.getMetaData().getColumnCount() >= 5) {
            blocker = rs.getLong("blocker_pid");
        }
        return new SessionRow(rs.getLong("pid"), nonNull(rs.getString("user_name")),
                nonNull(rs.getString("application")), rs.getDouble("seconds"), blocker);
    }

    String describe() {
        return "pid " + pid + (user.isEmpty() ? "" : ", user " + user)
                + (application.isEmpty() ? "" : ", " + application);
    }

    private static String nonNull(String s) {
        return s == null ? "" : s;
    }
}
