package io.dbopt.migration;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The migrations of one set and their states, in version order.
 *
 * @param set the set's name
 * @param historyTable the Flyway history table it uses
 * @param revisions every versioned migration, applied or not
 */
public record SetRevisions(String set, String historyTable, List<Revision> revisions) {

    /** Validates and copies. */
    public SetRevisions {
        Objects.requireNonNull(set, "set");
        Objects.requireNonNull(historyTable, "historyTable");
        revisions = List.copyOf(revisions);
    }

    /** The latest applied version, if any. */
    public Optional<String> currentVersion() {
        return revisions.stream().filter(Revision::isApplied).reduce((a, b) -> b).map(Revision::version);
    }

    /** The revisions in a state. */
    public List<Revision> inState(RevisionState state) {
        return revisions.stream().filter(r -> r.state() == state).toList();
    }

    /** Whether anything is pending. */
    public boolean hasPending() {
        return revisions.stream().anyMatch(r -> r.state() == RevisionState.PENDING);
    }
}
