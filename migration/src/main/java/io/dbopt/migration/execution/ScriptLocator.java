package io.dbopt.migration.execution;

import io.dbopt.core.DbOptException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.List;
import java.util.Optional;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import io.dbopt.migration.MigrationErrorCode;

/**
 * Finds and reads the SQL scripts of a set's Flyway locations ({@code classpath:} folders, in directories or jars,
 * and {@code filesystem:} paths), for lint, undo generation and hand-written undo scripts. Thread-safe.
 */
public final class ScriptLocator {

    /**
     * One script file.
     *
     * @param name the file name, e.g. {@code V2__users.sql}
     * @param path the path relative to its location, as Flyway reports it in {@code MigrationInfo.getScript()}
     * @param text the file's content
     */
    public record ScriptFile(String name, String path, String text) {
    }

    private final ClassLoader classLoader;
    private final List<String> locations;

    public ScriptLocator(ClassLoader classLoader, List<String> locations) {
        this.classLoader = classLoader;
        this.locations = List.copyOf(locations);
    }

    /** Every {@code .sql} file under the locations, by relative path. */
    public List<ScriptFile> list() {
        List<ScriptFile> files = new ArrayList<>();
        for (String location : locations) {
            if (location.startsWith("filesystem:")) {
                listDirectory(Paths.get(location.substring("filesystem:".length())), files);
            } else {
                listClassPath(stripClassPath(location), files);
            }
        }
        files.sort(Comparator.comparing(ScriptFile::path));
        return files;
    }

    /** The text of a script by its path relative to a location. */
    public Optional<String> read(String path) {
        for (String location : locations) {
            if (location.startsWith("filesystem:")) {
                Path file = Paths.get(location.substring("filesystem:".length())).resolve(path);
                if (Files.isRegularFile(file)) {
                    return Optional.of(readFile(file));
                }
            } else {
                URL url = classLoader.getResource(stripClassPath(location) + "/" + path);
                if (url != null) {
                    return Optional.of(readUrl(url));
                }
            }
        }
        return Optional.empty();
    }

    /** The text of a script, failing with a clear error when it is gone. */
    public String require(String set, String path) {
        return read(path).orElseThrow(() -> new DbOptException(MigrationErrorCode.SCRIPT_NOT_FOUND, "Script " + path
                + " of migration set " + set + " is not in " + locations + ": check the set's locations"));
    }

    /** A hand-written undo script {@code U<version>__*.sql}, if the locations hold one. */
    public Optional<ScriptFile> undoFor(String version) {
        String prefix = "U" + version + "__";
        return list().stream().filter(f -> f.name().startsWith(prefix)).findFirst();
    }

    private static String stripClassPath(String location) {
        String path = location.startsWith("classpath:") ? location.substring("classpath:".length()) : location;
        while (path.startsWith("/")) {
            path = path.substring(1);
        }
        return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    private void listClassPath(String folder, List<ScriptFile> into) {
        try {
            Enumeration<URL> roots = classLoader.getResources(folder);
            while (roots.hasMoreElements()) {
                URL root = roots.nextElement();
                if ("file".equals(root.getProtocol())) {
                    listDirectory(Paths.get(root.toURI()), into);
                } else if ("jar".equals(root.getProtocol())) {
                    listJar(root, folder, into);
                }
            }
        } catch (IOException | URISyntaxException e) {
            throw new DbOptException(MigrationErrorCode.SCRIPT_NOT_FOUND, "Cannot list migration scripts in classpath:"
                    + folder + " (" + e.getMessage() + ")", e);
        }
    }

    private void listJar(URL root, String folder, List<ScriptFile> into) throws IOException {
        URLConnection connection = root.openConnection();
        if (!(connection instanceof JarURLConnection jarConnection)) {
            return;
        }
        jarConnection.setUseCaches(false);
        try (JarFile jar = jarConnection.getJarFile()) {
            String prefix = folder + "/";
            for (Enumeration<JarEntry> entries = jar.entries(); entries.hasMoreElements(); ) {
                JarEntry entry = entries.nextElement();
                if (!entry.isDirectory() && entry.getName().startsWith(prefix) && entry.getName().endsWith(".sql")) {
                    String relative = entry.getName().substring(prefix.length());
                    try (InputStream in = jar.getInputStream(entry)) {
                        into.add(new ScriptFile(fileName(relative), relative,
                                new String(in.readAllBytes(), StandardCharsets.UTF_8)));
                    }
                }
            }
        }
    }

    private static void listDirectory(Path dir, List<ScriptFile> into) {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.filter(Files::isRegularFile).filter(f -> f.toString().endsWith(".sql")).toList()) {
                String relative = dir.relativize(p).toString().replace('\\', '/');
                into.add(new ScriptFile(p.getFileName().toString(), relative, readFile(p)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list migration scripts in " + dir, e);
        }
    }

    private static String fileName(String relative) {
        int slash = relative.lastIndexOf('/');
        return slash < 0 ? relative : relative.substring(slash + 1);
    }

    private static String readFile(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read migration script " + file, e);
        }
    }

    private static String readUrl(URL url) {
        try (InputStream in = url.openStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read migration script " + url, e);
        }
    }
}
