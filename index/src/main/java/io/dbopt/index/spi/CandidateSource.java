package io.dbopt.index.spi;

import java.sql.SQLException;
import java.util.List;

/**
 * Adds index candidates to a recommendation run. Implementations are registered in
 * {@code META-INF/services/io.dbopt.index.spi.CandidateSource}, have a public no-argument constructor and hold no
 * state; the recommender asks each once per run, after generating its own candidates, then costs every candidate
 * against the statements it names with its what-if engine and keeps it only when it pays off, like its own.
 *
 * <p>A source reads what it needs on the run's connection and leaves the connection as it found it (no open
 * transaction, no changed setting, no failed statement in a PostgreSQL transaction). A source that throws is logged
 * and left out of the run; the run goes on with the other candidates.
 */
public interface CandidateSource {

    /**
     * The extra candidates for the run's workload.
     *
     * @throws SQLException when reading the catalog fails (the source is then left out)
     */
    List<ExtraCandidate> candidates(CandidateRequest request) throws SQLException;
}
