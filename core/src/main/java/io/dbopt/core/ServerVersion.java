package io.dbopt.core;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A server version as numbers, so capability checks compare types instead of strings.
 *
 * <p>For PostgreSQL 10 and later the second number is the minor release ({@code 15.20} is major 15, minor 20,
 * patch 0); for MariaDB and MySQL all three are used ({@code 10.11.19}).
 *
 * @param major the major version, at least 1
 * @param minor the minor version, at least 0
 * @param patch the patch version, at least 0
 */
public record ServerVersion(int major, int minor, int patch) implements Comparable<ServerVersion> {

    private static final Pattern VERSION = Pattern.compile("(\\d+)(?:\\.(\\d+))?(?:\\.(\\d+))?");
    /** Old MySQL clients prepend this fake version to MariaDB's real one. */
    private static final String MARIADB_REPLICATION_PREFIX = "5.5.5-";

    /** Validates the numbers. */
    public ServerVersion {
        if (major < 1 || minor < 0 || patch < 0) {
            throw new IllegalArgumentException("Invalid server version " + major + "." + minor + "." + patch);
        }
    }

    /** Creates a version. */
    public static ServerVersion of(int major, int minor, int patch) {
        return new ServerVersion(major, minor, patch);
    }

    /**
     * Parses the leading version from a product version string such as {@code "15.20 (Debian 15.20-0+deb12u1)"},
     * {@code "10.11.19-MariaDB-0+deb12u1"} or {@code "5.5.5-10.6.12-MariaDB"}.
     *
     * @throws IllegalArgumentException when the string holds no version
     */
    public static ServerVersion parse(String productVersion) {
        String text = productVersion == null ? "" : productVersion.trim();
        if (text.startsWith(MARIADB_REPLICATION_PREFIX) && text.contains("MariaDB")) {
            text = text.substring(MARIADB_REPLICATION_PREFIX.length());
        }
        Matcher m = VERSION.matcher(text);
        if (!m.find()) {
            throw new IllegalArgumentException("No version number in '" + productVersion + "'");
        }
        return new ServerVersion(Integer.parseInt(m.group(1)),
                m.group(2) == null ? 0 : Integer.parseInt(m.group(2)),
                m.group(3) == null ? 0 : Integer.parseInt(m.group(3)));
    }

    /** Whether this version is {@code major.minor} or later. */
    public boolean isAtLeast(int major, int minor) {
        return compareTo(new ServerVersion(Math.max(major, 1), minor, 0)) >= 0;
    }

    /** Whether this version is {@code major.minor.patch} or later. */
    public boolean isAtLeast(int major, int minor, int patch) {
        return compareTo(new ServerVersion(major, minor, patch)) >= 0;
    }

    @Override
    public int compareTo(ServerVersion other) {
        int c = Integer.compare(major, other.major);
        if (c == 0) {
            c = Integer.compare(minor, other.minor);
        }
        return c != 0 ? c : Integer.compare(patch, other.patch);
    }

    @Override
    public String toString() {
        return major + "." + minor + "." + patch;
    }
}
