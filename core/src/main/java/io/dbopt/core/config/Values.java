package io.dbopt.core.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parsing and formatting of setting values shared by every {@link ConfigKey} type. Stateless. */
final class Values {

    private static final Pattern DURATION = Pattern.compile("(?i)\\s*(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h|d)?\\s*");
    private static final Pattern BYTES = Pattern.compile("(?i)\\s*(\\d+(?:\\.\\d+)?)\\s*(b|kb|kib|k|mb|mib|m|gb|gib|g|tb|tib|t)?\\s*");
    private static final Set<String> TRUE = Set.of("true", "yes", "on", "1");
    private static final Set<String> FALSE = Set.of("false", "no", "off", "0");

    private Values() {
    }

    static boolean parseBoolean(String key, String text) {
        String lower = text.trim().toLowerCase(Locale.ROOT);
        if (TRUE.contains(lower)) {
            return true;
        }
        if (FALSE.contains(lower)) {
            return false;
        }
        throw DbOptConfig.invalid(key, text, "true or false", null);
    }

    static Duration parseDuration(String key, String text, ChronoUnit bareUnit) {
        String v = text.trim();
        if (v.length() > 1 && (v.charAt(0) == 'P' || v.charAt(0) == 'p')) {
            try {
                return Duration.parse(v.toUpperCase(Locale.ROOT));
            } catch (DateTimeParseException e) {
                throw DbOptConfig.invalid(key, text, "a duration such as 30s, 500ms, 5m or PT30S", e);
            }
        }
        Matcher m = DURATION.matcher(v);
        if (!m.matches()) {
            throw DbOptConfig.invalid(key, text, "a duration such as 30s, 500ms, 5m or a number of "
                    + (bareUnit == ChronoUnit.MILLIS ? "milliseconds" : bareUnit.toString().toLowerCase(Locale.ROOT)),
                    null);
        }
        double amount = Double.parseDouble(m.group(1));
        double nanosPerUnit;
        if (m.group(2) == null) {
            nanosPerUnit = bareUnit.getDuration().toNanos();
        } else {
            nanosPerUnit = switch (m.group(2).toLowerCase(Locale.ROOT)) {
                case "ms" -> 1e6;
                case "s" -> 1e9;
                case "m" -> 60e9;
                case "h" -> 3600e9;
                default -> 86400e9;
            };
        }
        return Duration.ofNanos(Math.round(amount * nanosPerUnit));
    }

    static long parseBytes(String key, String text) {
        Matcher m = BYTES.matcher(text);
        if (!m.matches()) {
            throw DbOptConfig.invalid(key, text, "a size such as 512KB, 64MB or a number of bytes", null);
        }
        double amount = Double.parseDouble(m.group(1));
        String unit = m.group(2) == null ? "b" : m.group(2).toLowerCase(Locale.ROOT);
        long factor = switch (unit.charAt(0)) {
            case 'k' -> 1L << 10;
            case 'm' -> 1L << 20;
            case 'g' -> 1L << 30;
            case 't' -> 1L << 40;
            default -> 1L;
        };
        double bytes = amount * factor;
        if (bytes > Long.MAX_VALUE) {
            throw DbOptConfig.invalid(key, text, "a size below 8 EB", null);
        }
        return Math.round(bytes);
    }

    /** The shortest exact form: {@code 30s}, {@code 500ms}, {@code 5m}, {@code 0s}. */
    static String formatDuration(Duration d) {
        long nanos = d.toNanos();
        if (nanos == 0) {
            return "0s";
        }
        if (nanos % 86_400_000_000_000L == 0) {
            return nanos / 86_400_000_000_000L + "d";
        }
        if (nanos % 3_600_000_000_000L == 0) {
            return nanos / 3_600_000_000_000L + "h";
        }
        if (nanos % 60_000_000_000L == 0) {
            return nanos / 60_000_000_000L + "m";
        }
        if (nanos % 1_000_000_000L == 0) {
            return nanos / 1_000_000_000L + "s";
        }
        if (nanos % 1_000_000L == 0) {
            return nanos / 1_000_000L + "ms";
        }
        return d.toString();
    }

    /** The edit distance of two strings, for "did you mean" suggestions. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] t = previous;
            previous = current;
            current = t;
        }
        return previous[b.length()];
    }
}
