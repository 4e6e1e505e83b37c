package io.dbopt.testkit;

import java.util.EnumMap;
import java.util.Map;

/** The embedded servers shared by a test JVM when nothing else was found; stopped when the JVM exits. */
final class EmbeddedServers {

    private static final Map<TestDialect, DedicatedServer> SHARED = new EnumMap<>(TestDialect.class);

    private EmbeddedServers() {
    }

    static synchronized TestServer shared(TestDialect dialect) {
        DedicatedServer server = SHARED.get(dialect);
        if (server == null) {
            server = dialect == TestDialect.POSTGRESQL ? DedicatedServer.startPostgres() : DedicatedServer.startMariaDb();
            DedicatedServer started = server;
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "dbopt-embedded-" + dialect.id() + "-stop"));
            SHARED.put(dialect, server);
        }
        return server.server();
    }
}
