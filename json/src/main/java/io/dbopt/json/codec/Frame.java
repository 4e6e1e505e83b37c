package io.dbopt.json.codec;

import io.dbopt.core.DbOptException;
import io.dbopt.json.JsonErrorCode;

/**
 * dbopt's self-describing header in front of a zstd frame. Thirteen bytes, big-endian:
 *
 * <pre>
 *  0      0xFF          never the first byte of UTF-8 text, so plain and compressed values tell themselves apart
 *  1..2   'D' 'Z'       magic
 *  3      version       1
 *  4      flags         bit 0: a dictionary was used; other bits 0
 *  5..8   dictionary id the row id in the dictionary table, 0 without a dictionary
 *  9..12  length        the original value's length in bytes (UTF-8), 0 to 2^31 - 1
 * </pre>
 *
 * followed by one zstd frame with a content checksum. Stateless.
 *
 * @param dictionaryId the dictionary's id, 0 for none
 * @param length the original length in bytes
 */
public record Frame(int dictionaryId, int length) {

    /** Header length in bytes. */
    public static final int HEADER_BYTES = 13;
    /** The format version this code writes and reads. */
    public static final int VERSION = 1;
    private static final byte MARK = (byte) 0xFF;
    private static final int FLAG_DICTIONARY = 1;

    /** Validates. */
    public Frame {
        if (dictionaryId < 0 || length < 0) {
            throw new IllegalArgumentException("dictionaryId and length must be >= 0");
        }
    }

    /** Whether a stored value starts with dbopt's header (and so is not plain UTF-8 text). */
    public static boolean isFramed(byte[] stored) {
        return stored.length > 0 && stored[0] == MARK;
    }

    /** Writes the header into the first {@link #HEADER_BYTES} bytes of {@code out}. */
    public void write(byte[] out) {
        out[0] = MARK;
        out[1] = 'D';
        out[2] = 'Z';
        out[3] = VERSION;
        out[4] = (byte) (dictionaryId != 0 ? FLAG_DICTIONARY : 0);
        putInt(out, 5, dictionaryId);
        putInt(out, 9, length);
    }

    /**
     * Reads the header of a framed value.
     *
     * @param stored a value for which {@link #isFramed} is true
     * @param where what the value is, for messages ({@code "documents.content"})
     * @throws DbOptException {@link JsonErrorCode#CORRUPT_VALUE} when the header is short, has a bad magic, an
     *     unknown version or flags, or contradicts itself
     */
    public static Frame read(byte[] stored, String where) {
        if (stored.length < HEADER_BYTES) {
            throw corrupt(where, "it is " + stored.length + " bytes, shorter than the " + HEADER_BYTES
                    + "-byte header");
        }
        if (stored[1] != 'D' || stored[2] != 'Z') {
            throw corrupt(where, "its header has no dbopt magic");
        }
        if (stored[3] != VERSION) {
            throw corrupt(where, "its header has format version " + (stored[3] & 0xFF) + "; this dbopt reads "
                    + "version " + VERSION + " (written by a newer dbopt? upgrade to read it)");
        }
        int flags = stored[4] & 0xFF;
        if ((flags & ~FLAG_DICTIONARY) != 0) {
            throw corrupt(where, "its header has unknown flags " + flags);
        }
        int dictionaryId = getInt(stored, 5);
        int length = getInt(stored, 9);
        if (dictionaryId < 0 || length < 0 || ((flags & FLAG_DICTIONARY) != 0) != (dictionaryId != 0)) {
            throw corrupt(where, "its header holds impossible values");
        }
        return new Frame(dictionaryId, length);
    }

    static DbOptException corrupt(String where, String why) {
        return corrupt(where, why, null);
    }

    static DbOptException corrupt(String where, String why, Throwable cause) {
        return new DbOptException(JsonErrorCode.CORRUPT_VALUE, "The stored value of " + where + " cannot be read: "
                + why + ". Restore it from a backup or the change history; nothing was written", cause);
    }

    private static void putInt(byte[] out, int at, int value) {
        out[at] = (byte) (value >>> 24);
        out[at + 1] = (byte) (value >>> 16);
        out[at + 2] = (byte) (value >>> 8);
        out[at + 3] = (byte) value;
    }

    private static int getInt(byte[] in, int at) {
        return (in[at] & 0xFF) << 24 | (in[at + 1] & 0xFF) << 16 | (in[at + 2] & 0xFF) << 8 | (in[at + 3] & 0xFF);
    }
}
