package io.dbopt.json.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dbopt.core.DbOptException;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class DiffsTest {

    @Test
    void textDiffsReproduceEveryEditExactly() {
        Random r = new Random(11);
        String doc = "<html><body>" + "<p>line of text with some words in it</p>".repeat(200) + "</body></html>";
        for (int i = 0; i < 150; i++) {
            String next = edit(doc, r);
            String diff = TextDiffs.diff(doc, next);
            assertThat(TextDiffs.apply(doc, diff)).isEqualTo(next);
            doc = next;
        }
    }

    @Test
    void chainOfDiffsAppliesWithoutCuttingTheTextAgain() {
        Random r = new Random(5);
        String base = "<html><body>" + "<p>a paragraph of words that goes on for a while</p>".repeat(80) + "</body>";
        String doc = base;
        java.util.List<String> diffs = new java.util.ArrayList<>();
        for (int i = 0; i < 60; i++) {
            String next = edit(doc, r);
            diffs.add(TextDiffs.diff(doc, next));
            doc = next;
        }
        assertThat(TextDiffs.applyAll(base, diffs)).isEqualTo(doc);
    }

    @Test
    void textDiffsKeepLineEndingsBackslashesAndSurrogates() {
        String a = "first\r\nsecond \\n not a newline\nthird \uD83D\uDE00 emoji\n\nlast without newline";
        String b = "first\r\nsecond \\n changed\nthird \uD83D\uDE00 emoji\n\n\nlast without newline\n";
        assertThat(TextDiffs.apply(a, TextDiffs.diff(a, b))).isEqualTo(b);
        assertThat(TextDiffs.apply("", TextDiffs.diff("", b))).isEqualTo(b);
        assertThat(TextDiffs.apply(b, TextDiffs.diff(b, ""))).isEmpty();
        assertThat(TextDiffs.diff(a, a)).isEmpty();
        assertThat(TextDiffs.apply(a, "")).isEqualTo(a);
    }

    @Test
    void smallEditOfMinifiedHtmlGivesASmallDiff() {
        StringBuilder sb = new StringBuilder("<html><body>");
        for (int i = 0; i < 60; i++) {
            sb.append("<p>").append(Integer.toHexString(i * 7919)).append(" step ").append(i)
                    .append(" of the procedure: check the service, restart it, verify the dashboards.</p>");
        }
        String before = sb.append("</body></html>").toString();
        String after = before.replace("step 30 ", "step thirty ");

        String diff = TextDiffs.diff(before, after);

        assertThat(before).doesNotContain("\n");
        assertThat(diff.length()).isLessThan(before.length() / 20);
        assertThat(TextDiffs.apply(before, diff)).isEqualTo(after);
    }

    @Test
    void diffOfAnotherVersionDoesNotApply() {
        String a = "one\ntwo\nthree\n";
        String b = "one\n2\nthree\n";
        assertThatThrownBy(() -> TextDiffs.apply("other\ntext\n", TextDiffs.diff(a, b)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void jsonPatchesReproduceDocumentsWithExactNumbers() {
        var before = JsonDiffs.parse("{\"a\":1.10,\"b\":[1,2,3],\"c\":{\"d\":\"x\"},\"big\":12345678901234567890}",
                "d");
        var after = JsonDiffs.parse("{\"a\":1.10,\"b\":[1,3,4],\"c\":{\"d\":\"y\",\"e\":null},\"big\":1e400}", "d");
        String patch = JsonDiffs.diff(before, after);
        assertThat(JsonDiffs.apply(before, patch)).isEqualTo(after);
        assertThat(JsonDiffs.write(after)).contains("1.10").doesNotContain(" ");
    }

    @Test
    void invalidJsonIsATypedError() {
        assertThatThrownBy(() -> JsonDiffs.parse("{\"a\":1,\"a\":2}", "doc 7")).isInstanceOf(DbOptException.class)
                .hasMessageContaining("doc 7").hasMessageContaining("not valid JSON");
        assertThatThrownBy(() -> JsonDiffs.parse("{} {}", "doc 8")).isInstanceOf(DbOptException.class);
        assertThatThrownBy(() -> JsonDiffs.parse("  ", "doc 9")).isInstanceOf(DbOptException.class);
    }

    private static String edit(String doc, Random r) {
        int at = r.nextInt(doc.length() + 1);
        return switch (r.nextInt(5)) {
            case 0 -> doc.substring(0, at) + "<b>new " + r.nextInt(1000) + "</b>" + doc.substring(at);
            case 1 -> doc.substring(0, at) + "\n" + doc.substring(at);
            case 2 -> doc.substring(0, at) + doc.substring(Math.min(doc.length(), at + r.nextInt(200)));
            case 3 -> doc.substring(0, at) + "\\r\r\n" + doc.substring(at);
            default -> doc.replaceFirst("words", "terms " + r.nextInt(50));
        };
    }
}
