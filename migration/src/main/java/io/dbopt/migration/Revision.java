package io.dbopt.migration;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One versioned migration of a set and its state.
 *
 * @param set the set's name
 * @param version the version, e.g. {@code 2} or {@code 2.1}
 * @param description the description from the file name
 * @param script the script name, e.g. {@code V2__add_projects.sql}
 * @param state where it stands
 * @param installedOn when it was applied, if it was
 */
public record Revision(String set, String version, String description, String script, RevisionState state,
                       Optional<Instant> installedOn) {

    /** Validates. */
    public Revision {
        Objects.requireNonNull(set, "set");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(script, "script");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(installedOn, "installedOn");
    }

    /** Whether it is recorded as applied (successfully, even if its script drifted or went missing). */
    public boolean isApplied() {
        return state == RevisionState.APPLIED || state == RevisionState.DRIFTED || state == RevisionState.MISSING
                || state == RevisionState.FUTURE;
    }
}
