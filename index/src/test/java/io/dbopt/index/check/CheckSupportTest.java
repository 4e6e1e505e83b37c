package io.dbopt.index.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CheckSupportTest {

    @Test
    void sizesReadAsStringFormatWouldWriteThem() {
        long[] edges = {0, 1, 1023, 1024, 1075, 1076, 1100, 10_188, 1_048_525, 1_048_576, 1_047_552, 5_242_880,
                1_073_741_823, 1_073_741_824, 1_099_511_627_776L, 1_125_899_906_842_624L, Long.MAX_VALUE / 4};
        for (long b : edges) {
            assertThat(CheckSupport.bytes(b)).as("%d bytes", b).isEqualTo(formatted(b));
        }
        SplittableRandom random = new SplittableRandom(17);
        for (int i = 0; i < 20_000; i++) {
            long b = random.nextLong(1L << (10 + random.nextInt(40)));
            assertThat(CheckSupport.bytes(b)).as("%d bytes", b).isEqualTo(formatted(b));
        }
    }

    private static String formatted(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double v = bytes;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
    }
}
