package io.dbopt.bulk.failure;

/**
 * Receives the rows a load rejected, in input order, as they are found. Called on the loading thread; a handler that
 * throws stops the load (the committed chunks stay). A row can be reported again after a resume when the process
 * stopped between reporting it and recording the next checkpoint.
 */
@FunctionalInterface
public interface BadRowHandler {

    /** Takes one rejected row. */
    void onBadRow(BadRow row) throws Exception;

    /** A handler that ignores the rows (they are still counted). */
    static BadRowHandler ignore() {
        return row -> { };
    }

    /** This handler, then {@code next}. */
    default BadRowHandler andThen(BadRowHandler next) {
        return row -> {
            onBadRow(row);
            next.onBadRow(row);
        };
    }
}
