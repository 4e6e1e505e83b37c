package io.dbopt.testkit;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.JdbcDatabaseContainer;
import org.testcontainers.containers.MariaDBContainer;
import org.testcontainers.containers.PostgreSQLContainer;

/** Servers started with Testcontainers when Docker answers; they live until the JVM exits (Ryuk removes them). */
final class ContainerServers {

    static final String POSTGRES_IMAGE = "postgres:16-alpine";
    static final String MARIADB_IMAGE = "mariadb:11.4";

    private ContainerServers() {
    }

    static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    @SuppressWarnings("resource") // the container lives for the whole test JVM
    static TestServer start(TestDialect dialect) {
        JdbcDatabaseContainer<?> container = switch (dialect) {
            case POSTGRESQL -> new PostgreSQLContainer<>(POSTGRES_IMAGE)
                    .withCommand("postgres", "-c", "shared_preload_libraries=pg_stat_statements");
            case MARIADB -> new MariaDBContainer<>(MARIADB_IMAGE).withUsername("root").withPassword("");
        };
        container.start();
        String user = dialect == TestDialect.POSTGRESQL ? container.getUsername() : "root";
        return new TestServer(dialect, container.getHost(), container.getFirstMappedPort(), user,
                container.getPassword(), "Testcontainers " + container.getDockerImageName());
    }
}
