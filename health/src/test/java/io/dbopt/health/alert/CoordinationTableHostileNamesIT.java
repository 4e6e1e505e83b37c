package io.dbopt.health.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.dbopt.core.Dialect;
import io.dbopt.core.InvalidIdentifierException;
import io.dbopt.core.finding.Severity;
import io.dbopt.testkit.DbTest;
import io.dbopt.testkit.DialectTest;
import io.dbopt.testkit.HostileNames;
import io.dbopt.testkit.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/**
 * The alert-coordination table (alert state shared by instances through the database) under the hostile-name list:
 * created, and every claim (fire, lost second fire, repeat, resolution) decided by one statement on it, with a canary
 * table surviving every name; names the server cannot hold (NUL, over the length limit) are refused with a typed
 * error at the first claim instead of being truncated into another table's name.
 */
@DbTest
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class CoordinationTableHostileNamesIT {

    private static final Duration LIMIT = Duration.ofSeconds(10);

    @DialectTest
    void everyClaimWorksUnderEveryHostileTableName(TestDatabase db) throws Exception {
        Dialect d = db.dialect();
        db.execute("CREATE TABLE " + HostileNames.CANARY + " (id int PRIMARY KEY)",
                "INSERT INTO " + HostileNames.CANARY + " VALUES (1)");
        for (String name : HostileNames.holdable(db)) {
            try (AlertCoordinator one = AlertCoordinator.database(db.dataSource(), name, "one", LIMIT);
                 AlertCoordinator two = AlertCoordinator.database(db.dataSource(), name, "two", LIMIT)) {
                Alert firing = alert(AlertState.FIRING, false);
                assertThat(one.claim(firing, Duration.ofHours(1), Duration.ofHours(1))).as("fire in %s", name)
                        .isTrue();
                assertThat(two.claim(firing, Duration.ofHours(1), Duration.ofHours(1))).as("second fire in %s", name)
                        .isFalse();
                assertThat(two.claim(alert(AlertState.FIRING, true), Duration.ofHours(1), Duration.ZERO))
                        .as("repeat in %s", name).isTrue();
                assertThat(one.claim(alert(AlertState.RESOLVED, false), Duration.ofHours(1), Duration.ofHours(1)))
                        .as("resolve in %s", name).isTrue();
                assertThat(db.queryLong("SELECT COUNT(*) FROM " + d.quote(name) + " WHERE state = 'resolved'"))
                        .as("rows in %s", name).isEqualTo(1);
            } finally {
                db.execute("DROP TABLE IF EXISTS " + d.quote(name));
            }
            assertThat(db.queryLong("SELECT COUNT(*) FROM " + HostileNames.CANARY)).as("canary after %s", name)
                    .isEqualTo(1);
        }
    }

    @DialectTest
    void namesTheServerCannotHoldAreRefusedNotTruncated(TestDatabase db) {
        for (String name : HostileNames.unholdable(db)) {
            AlertCoordinator c = AlertCoordinator.database(db.dataSource(), name, "one", LIMIT);
            Throwable t = catchThrowable(() -> c.claim(alert(AlertState.FIRING, false), Duration.ZERO,
                    Duration.ZERO));
            assertThat(t).as("%d-char name", name.length()).isInstanceOf(InvalidIdentifierException.class);
            assertThat(t.getMessage()).containsAnyOf("NUL", "choose a shorter name");
        }
    }

    private static Alert alert(AlertState state, boolean repeat) {
        return new Alert("HighLoad", state, Severity.WARNING, Map.of("instance", "a"), Map.of(), 1.0,
                Instant.parse("2026-01-01T00:00:00Z"), state == AlertState.RESOLVED
                ? Optional.of(Instant.parse("2026-01-01T00:05:00Z")) : Optional.empty(), "fp-1", repeat);
    }
}
