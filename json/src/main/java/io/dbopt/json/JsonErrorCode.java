package io.dbopt.json;

import io.dbopt.core.ErrorCode;

/** Error codes raised by dbopt-json; {@link #code()} is {@code JSON_} plus the constant's name. */
public enum JsonErrorCode implements ErrorCode {
    /**
     * A stored value carries dbopt's compression header but cannot be read back: a bad header, a truncated or
     * corrupt zstd frame, a checksum mismatch, or more or fewer bytes than the header declares.
     */
    CORRUPT_VALUE,
    /** A value's declared or actual size is over {@code json.compression.max_value_size}. */
    VALUE_TOO_LARGE,
    /** A value was compressed with a dictionary that is not in the dictionary table. */
    UNKNOWN_DICTIONARY,
    /** zstd could not train a dictionary from the samples (too few, too small or too alike). */
    DICTIONARY_TRAINING_FAILED,
    /** A document given as JSON is not valid JSON. */
    INVALID_DOCUMENT,
    /** A document or version asked for does not exist. */
    NOT_FOUND,
    /** A column cannot hold what was asked (its type cannot store compressed values, it has no usable key). */
    UNSUPPORTED_COLUMN,
    /** A chunked job (compression migration, history conversion) stopped; what is committed stays, rerun resumes. */
    JOB_FAILED,
    /** A statement given to the path optimizer cannot be used (blank, not a SELECT, several statements). */
    INVALID_STATEMENT,
    /** Running a statement to verify a rewrite failed. */
    VERIFICATION_FAILED;

    @Override
    public String code() {
        return "JSON_" + name();
    }
}
