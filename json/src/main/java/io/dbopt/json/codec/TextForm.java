package io.dbopt.json.codec;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * How a compressed value is kept in a text column: a marker ({@code U+0001} then {@code dbz1:}) followed by the
 * frame in Base64. Plain text never starts with the marker; a plain value that happens to is written compressed so
 * that reading stays unambiguous. Stateless.
 */
public final class TextForm {

    /** What every compressed value in a text column starts with. */
    public static final String MARKER = "\u0001dbz1:";

    private TextForm() {
    }

    /** Whether a stored text value is in compressed form. */
    public static boolean isCompressed(String stored) {
        return stored.startsWith(MARKER);
    }

    /** Whether a plain value must be written compressed to stay unambiguous. */
    public static boolean mustCompress(String plain) {
        return plain.startsWith(MARKER);
    }

    /** The text form of a frame, or the plain value as it is. */
    public static String encode(byte[] stored) {
        if (!Frame.isFramed(stored)) {
            return new String(stored, StandardCharsets.UTF_8);
        }
        return MARKER + Base64.getEncoder().encodeToString(stored);
    }

    /**
     * The frame inside a text value in compressed form.
     *
     * @throws io.dbopt.core.DbOptException {@code JSON_CORRUPT_VALUE} when the Base64 is broken
     */
    public static byte[] decode(String stored, String where) {
        try {
            byte[] frame = Base64.getDecoder().decode(stored.substring(MARKER.length()));
            if (!Frame.isFramed(frame)) {
                throw Frame.corrupt(where, "its text form holds no dbopt header");
            }
            return frame;
        } catch (IllegalArgumentException e) {
            throw Frame.corrupt(where, "its text form is not valid Base64", e);
        }
    }
}
