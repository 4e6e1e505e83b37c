package io.dbopt.core;

/** Identifier checks shared by the dialects. */
final class Identifiers {

    private static final int DISPLAY_LIMIT = 80;

    private Identifiers() {
    }

    static void requireBasics(String identifier, String server) {
        if (identifier == null) {
            throw new InvalidIdentifierException("Identifier is null: pass the table, column or index name");
        }
        if (identifier.isEmpty()) {
            throw new InvalidIdentifierException("Identifier is empty: " + server + " needs at least one character");
        }
        for (int i = 0; i < identifier.length(); i++) {
            char c = identifier.charAt(i);
            if (c == '\0') {
                throw new InvalidIdentifierException("Identifier " + display(identifier)
                        + " contains a NUL character at position " + i + ", which " + server
                        + " cannot store: remove it");
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= identifier.length() || !Character.isLowSurrogate(identifier.charAt(i + 1))) {
                    throw new InvalidIdentifierException("Identifier " + display(identifier)
                            + " contains an unpaired surrogate at position " + i + ": it is not valid Unicode");
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                throw new InvalidIdentifierException("Identifier " + display(identifier)
                        + " contains an unpaired surrogate at position " + i + ": it is not valid Unicode");
            }
        }
    }

    /** Lower-case ASCII letters, digits, underscores and dollar signs, not starting with a digit or dollar. */
    static boolean isPlainLowerCase(String s) {
        char first = s.charAt(0);
        if (!(first >= 'a' && first <= 'z' || first == '_')) {
            return false;
        }
        for (int i = 1; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_')) {
                return false;
            }
        }
        return true;
    }

    /** ASCII letters of either case, digits and underscores, starting with a letter or underscore. */
    static boolean isPlainMixedCase(String s) {
        char first = s.charAt(0);
        if (!(first >= 'a' && first <= 'z' || first >= 'A' && first <= 'Z' || first == '_')) {
            return false;
        }
        for (int i = 1; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_')) {
                return false;
            }
        }
        return true;
    }

    static String wrap(String identifier, char quote) {
        StringBuilder sb = new StringBuilder(identifier.length() + 2).append(quote);
        for (int i = 0; i < identifier.length(); i++) {
            char c = identifier.charAt(i);
            if (c == quote) {
                sb.append(quote);
            }
            sb.append(c);
        }
        return sb.append(quote).toString();
    }

    /** A printable, bounded form of a name for messages: control characters escaped, long names shortened. */
    static String display(String identifier) {
        StringBuilder sb = new StringBuilder("'");
        int limit = Math.min(identifier.length(), DISPLAY_LIMIT);
        for (int i = 0; i < limit; i++) {
            char c = identifier.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        if (identifier.length() > limit) {
            sb.append("...");
        }
        return sb.append('\'').toString();
    }
}
