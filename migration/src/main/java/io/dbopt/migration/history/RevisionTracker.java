package io.dbopt.migration.history;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;
import io.dbopt.migration.MigrationSet;
import io.dbopt.migration.Revision;
import io.dbopt.migration.RevisionState;
import io.dbopt.migration.SetRevisions;

/**
 * Tells, per set, what is applied, pending, failed, drifted (checksum mismatch) or missing, reading Flyway's
 * history through {@code Flyway.info()}. Baseline rows and repeatable migrations are left out. Thread-safe.
 */
public final class RevisionTracker {

    private final FlywayFactory flyways;

    public RevisionTracker(FlywayFactory flyways) {
        this.flyways = flyways;
    }

    public SetRevisions track(MigrationSet set) {
        List<Revision> revisions = new ArrayList<>();
        for (MigrationInfo info : flyways.create(set, Optional.empty(), Optional.empty()).info().all()) {
            if (info.getVersion() == null) {
                continue;
            }
            stateOf(info).ifPresent(state -> revisions.add(new Revision(set.name(), info.getVersion().getVersion(),
                    Optional.ofNullable(info.getDescription()).orElse(""), Optional.ofNullable(info.getScript()).orElse(""),
                    state, Optional.ofNullable(info.getInstalledOn()).map(java.util.Date::toInstant))));
        }
        return new SetRevisions(set.name(), set.historyTable(), revisions);
    }

    public static Optional<RevisionState> stateOf(MigrationInfo info) {
        MigrationState s = info.getState();
        return switch (s) {
            case SUCCESS, OUT_OF_ORDER -> Optional.of(info.isChecksumMatching() ? RevisionState.APPLIED
                    : RevisionState.DRIFTED);
            case PENDING, ABOVE_TARGET -> Optional.of(RevisionState.PENDING);
            case FAILED, MISSING_FAILED, FUTURE_FAILED -> Optional.of(RevisionState.FAILED);
            case MISSING_SUCCESS -> Optional.of(RevisionState.MISSING);
            case FUTURE_SUCCESS -> Optional.of(RevisionState.FUTURE);
            case IGNORED -> Optional.of(RevisionState.IGNORED);
            default -> Optional.empty();
        };
    }
}
