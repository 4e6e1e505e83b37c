package io.dbopt.bulk.load;

/** A value the encoder cannot write for its column; the row is rejected on the client. */
final class BadValueException extends Exception {

    private static final long serialVersionUID = 1L;

    private final int column;

    BadValueException(int column, String reason) {
        super(reason, null, false, false);
        this.column = column;
    }

    /** The column's index in the mapping. */
    int column() {
        return column;
    }
}
