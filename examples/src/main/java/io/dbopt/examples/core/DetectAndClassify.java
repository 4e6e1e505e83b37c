package io.dbopt.examples.core;

import io.dbopt.core.DatabaseInfo;
import io.dbopt.core.Dialect;
import io.dbopt.core.ErrorKind;
import io.dbopt.core.SqlErrors;
import io.dbopt.core.jdbc.DriverDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * The core module in a few lines: detect what the server is, quote a hostile name safely, and turn a provoked
 * error into an {@link ErrorKind} that says whether a retry can help.
 *
 * <p>Run it against your own database:
 * <pre>{@code
 * java -cp examples/target/classes:... io.dbopt.examples.core.DetectAndClassify jdbc:postgresql://localhost/test postgres
 * }</pre>
 */
public final class DetectAndClassify {

    /**
     * What the example found.
     *
     * @param server the detected server, e.g. {@code PostgreSQL 15.20.0}
     * @param quotedName the hostile table name as quoted for this server
     * @param duplicateKey the kind of error a duplicate key produced
     * @param retryable whether that kind is worth retrying
     */
    public record Result(String server, String quotedName, ErrorKind duplicateKey, boolean retryable) {
    }

    private DetectAndClassify() {
    }

    /** Runs the example on a data source; creates and drops one table. */
    public static Result run(DataSource dataSource) throws SQLException {
        DatabaseInfo info = DatabaseInfo.detect(dataSource);
        Dialect dialect = info.dialect();
        String table = dialect.quote("Order Items; DROP TABLE users --");
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE " + table + " (id int PRIMARY KEY)");
            try {
                st.execute("INSERT INTO " + table + " VALUES (1)");
                try {
                    st.execute("INSERT INTO " + table + " VALUES (1)");
                    throw new IllegalStateException("the duplicate key was accepted");
                } catch (SQLException duplicate) {
                    ErrorKind kind = SqlErrors.classify(duplicate);
                    return new Result(dialect.toString(), table, kind, kind.retryable());
                }
            } finally {
                st.execute("DROP TABLE " + table);
            }
        }
    }

    /** Command-line entry: {@code <jdbc-url> [user]}; the password comes from {@code DBOPT_PASSWORD}. */
    public static void main(String[] args) throws SQLException {
        if (args.length < 1) {
            System.err.println("usage: DetectAndClassify <jdbc-url> [user]");
            System.exit(2);
        }
        String user = args.length > 1 ? args[1] : null;
        String password = System.getenv("DBOPT_PASSWORD");
        DataSource ds = DriverDataSource.of(args[0]).withUser(user)
                .withPassword(password == null ? null : password.toCharArray());
        Result result = run(ds);
        System.out.println("server:        " + result.server());
        System.out.println("quoted name:   " + result.quotedName());
        System.out.println("duplicate key: " + result.duplicateKey() + " (retryable: " + result.retryable() + ")");
    }
}
