package io.dbopt.json;

/**
 * The size of a {@link ChangeHistory}: what it stores against what full copies of every version would take.
 *
 * @param documents documents with a history
 * @param versions versions recorded
 * @param snapshots versions stored as full copies
 * @param storedBytes bytes of the version rows' payloads (diffs and copies, compressed)
 * @param headBytes bytes of the latest versions kept for fast reads and the next diff
 * @param fullCopyBytes bytes the versions would take as uncompressed full copies
 */
public record HistoryStats(long documents, long versions, long snapshots, long storedBytes, long headBytes,
                           long fullCopyBytes) {

    /** Stored bytes (versions and heads) over full-copy bytes; 0 for an empty history. */
    public double ratio() {
        return fullCopyBytes == 0 ? 0 : (double) (storedBytes + headBytes) / fullCopyBytes;
    }
}
