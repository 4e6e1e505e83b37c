package io.dbopt.cli.console;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Colours the severity tags of a text report ({@code [critical]}, {@code [error]}, {@code [warning]},
 * {@code [info]}) with ANSI escapes for a terminal: bold red, red, yellow, cyan. Everything else is left as it is,
 * so a coloured report reads the same as a plain one. Stateless.
 */
public final class SeverityColours {

    private static final Pattern TAG = Pattern.compile("\\[(critical|error|warning|info)]");
    private static final String RESET = "\u001b[0m";

    private SeverityColours() {
    }

    /** The text with each severity tag coloured. */
    public static String apply(String text) {
        Matcher m = TAG.matcher(text);
        StringBuilder out = new StringBuilder(text.length() + 64);
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(code(m.group(1)) + m.group() + RESET));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String code(String severity) {
        return switch (severity) {
            case "critical" -> "\u001b[1;31m";
            case "error" -> "\u001b[31m";
            case "warning" -> "\u001b[33m";
            default -> "\u001b[36m";
        };
    }
}
