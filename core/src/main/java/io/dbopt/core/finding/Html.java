package io.dbopt.core.finding;

import io.dbopt.core.Redaction;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** What the HTML report's parts share: escaping (after redaction), value formatting by unit, inlined assets. */
final class Html {

    private Html() {
    }

    /** The text redacted, then escaped for an element or a quoted attribute. */
    static String esc(String s) {
        String text = Redaction.redactText(s);
        StringBuilder sb = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    /** A value in its unit for people. */
    static String format(Chart.Unit unit, double value) {
        return unit.format(value);
    }

    /** A text resource next to this class (the report's style sheet and script), read once per report. */
    static String asset(String name) {
        try (InputStream in = Html.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("The report asset " + name + " is missing from the dbopt-core jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the report asset " + name, e);
        }
    }

    /** The lower-case name of a severity, as used in CSS classes and filters. */
    static String name(Severity severity) {
        return severity.name().toLowerCase(Locale.ROOT);
    }
}
