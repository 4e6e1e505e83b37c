package io.dbopt.json.history;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import com.github.difflib.patch.Patch;
import com.github.difflib.patch.PatchFailedException;
import java.util.ArrayList;
import java.util.List;

/**
 * Unified line diffs of text and HTML with java-diff-utils. A document is cut into segments: each line, and a long
 * line (minified HTML is one line) further after a {@code >} once the segment holds {@value #SOFT_LENGTH}
 * characters, or anywhere past {@value #HARD_LENGTH}; segments are escaped ({@code \n}, {@code \r}, {@code \\}) so
 * that each is one line of the diff and joining them gives the document back exactly, line endings included.
 * Diffs carry no context lines and no file headers. Stateless.
 */
public final class TextDiffs {

    static final int SOFT_LENGTH = 64;
    static final int HARD_LENGTH = 512;

    private TextDiffs() {
    }

    /** The diff turning {@code before} into {@code after}, as text. */
    public static String diff(String before, String after) {
        List<String> a = segments(before);
        List<String> b = segments(after);
        Patch<String> patch = DiffUtils.diff(a, b);
        List<String> lines = UnifiedDiffUtils.generateUnifiedDiff("a", "b", a, patch, 0);
        StringBuilder out = new StringBuilder();
        for (String line : lines) {
            if (line.startsWith("--- ") || line.startsWith("+++ ")) {
                continue; // file headers: always "a" and "b"
            }
            out.append(line).append('\n');
        }
        return out.toString();
    }

    /**
     * Applies a diff made by {@link #diff} to the text it was made from.
     *
     * @throws IllegalArgumentException when the diff does not fit the text (it was made from another version)
     */
    public static String apply(String before, String diff) {
        return join(patch(segments(before), diff));
    }

    /**
     * Applies diffs made one after the other ({@link #diff} of version k and k + 1, then k + 1 and k + 2, ...) to the
     * text they start from. The segments are cut once: a diff turns one version's segments into exactly the next
     * version's, so they need not be cut again between diffs.
     *
     * @throws IllegalArgumentException when a diff does not fit
     */
    public static String applyAll(String base, List<String> diffs) {
        List<String> segments = segments(base);
        for (String diff : diffs) {
            segments = patch(segments, diff);
        }
        return join(segments);
    }

    private static List<String> patch(List<String> segments, String diff) {
        if (diff.isEmpty()) {
            return segments;
        }
        List<String> lines = new ArrayList<>();
        lines.add("--- a");
        lines.add("+++ b");
        String[] parts = diff.split("\n", -1);
        lines.addAll(List.of(parts).subList(0, parts.length - 1));
        try {
            return UnifiedDiffUtils.parseUnifiedDiff(lines).applyTo(segments);
        } catch (PatchFailedException | RuntimeException e) {
            throw new IllegalArgumentException("The diff does not apply to this version: " + e.getMessage(), e);
        }
    }

    /** The escaped segments of a text. */
    static List<String> segments(String text) {
        List<String> out = new ArrayList<>();
        int start = 0;
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            int length = i + 1 - start;
            boolean end = c == '\n' || c == '>' && length >= SOFT_LENGTH
                    || length >= HARD_LENGTH && !Character.isHighSurrogate(c);
            if (end) {
                out.add(escape(text, start, i + 1));
                start = i + 1;
            }
        }
        if (start < n) {
            out.add(escape(text, start, n));
        }
        return out;
    }

    static String join(List<String> segments) {
        StringBuilder sb = new StringBuilder();
        for (String s : segments) {
            unescape(s, sb);
        }
        return sb.toString();
    }

    private static String escape(String text, int from, int to) {
        StringBuilder sb = new StringBuilder(to - from + 2);
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    private static void unescape(String s, StringBuilder out) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                char next = s.charAt(++i);
                out.append(next == 'n' ? '\n' : next == 'r' ? '\r' : next);
            } else {
                out.append(c);
            }
        }
    }
}
