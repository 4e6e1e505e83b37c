package io.dbopt.examples.docs;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbopt.testkit.DbTest;
import io.dbopt.testkit.DialectTest;
import io.dbopt.testkit.TestDatabase;
import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Timeout;

/**
 * Micrometer is optional: an application that does not have it builds, uses and closes every component, and no
 * Micrometer class is ever asked for. The scenario runs in a class loader made of this test's class path without the
 * Micrometer jars, whose parent is the platform loader, so nothing leaks in from the test's own loader.
 */
@DbTest
@Timeout(120)
class NoMicrometerIT {

    @DialectTest
    void everyComponentWorksWithoutMicrometerAndLoadsNoneOfIt(TestDatabase db) throws Exception {
        List<URL> urls = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (!entry.contains("micrometer")) {
                urls.add(new File(entry).toURI().toURL());
            }
        }
        try (RecordingLoader loader = new RecordingLoader(urls.toArray(URL[]::new))) {
            // DriverManager lends a driver only to callers whose loader sees the same driver class: register the
            // isolated loader's own copies, as an application's class loader would have them
            for (String driver : List.of("org.postgresql.Driver", "org.mariadb.jdbc.Driver")) {
                Class.forName(driver, true, loader);
            }
            Class<?> scenario = loader.loadClass(NoMicrometerScenario.class.getName());
            assertThat(scenario.getClassLoader()).isSameAs(loader);
            Object statuses = scenario.getMethod("run", String.class, String.class, String.class)
                    .invoke(null, db.jdbcUrl(), db.user(), db.password());
            assertThat((List<?>) statuses).hasSize(8).allSatisfy(s -> assertThat(s.toString()).doesNotEndWith("DOWN"));
            assertThat(loader.asked).as("Micrometer classes asked for").isEmpty();
        }
    }

    /** Remembers every Micrometer class anyone asked it for (found or not). */
    private static final class RecordingLoader extends URLClassLoader {
        final Set<String> asked = ConcurrentHashMap.newKeySet();

        RecordingLoader(URL[] urls) {
            super(urls, ClassLoader.getPlatformClassLoader());
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (name.startsWith("io.micrometer")) {
                asked.add(name);
            }
            return super.loadClass(name, resolve);
        }
    }
}
