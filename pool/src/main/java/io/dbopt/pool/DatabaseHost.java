package io.dbopt.pool;

/**
 * What the doctor needs to know about the database server's hardware for the sizing rule
 * {@code cores * 2 + spindles}, which SQL cannot tell. Attach it to the doctor
 * ({@code Doctor.builder().attach(DatabaseHost.class, new DatabaseHost(8, 1))}); without it the doctor assumes the
 * local host's cores when the database runs on this machine and skips the rule otherwise.
 *
 * @param cores CPU cores of the database server, at least 1
 * @param effectiveSpindles disks that seek in parallel: 0 when the working set is cached, 1 for one SSD
 */
public record DatabaseHost(int cores, int effectiveSpindles) {

    /** Validates. */
    public DatabaseHost {
        if (cores < 1 || effectiveSpindles < 0) {
            throw new IllegalArgumentException("A database host needs at least 1 core and 0 or more spindles, got "
                    + cores + " and " + effectiveSpindles);
        }
    }

    /** The connections this server keeps busy: {@code cores * 2 + effectiveSpindles}. */
    public int recommendedConnections() {
        return SizingAdvice.coresRule(cores, effectiveSpindles);
    }
}
