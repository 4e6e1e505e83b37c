package io.dbopt.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.luben.zstd.Zstd;
import io.dbopt.core.DbOptException;
import io.dbopt.json.codec.Frame;
import io.dbopt.json.codec.TextForm;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class JsonCompressorTest {

    private final JsonCompressor compressor = JsonCompressor.builder().maxValueSize(1 << 20).build();

    @AfterEach
    void close() {
        compressor.close();
    }

    @Test
    void compressesLargeValuesAndKeepsSmallOnesPlain() {
        String small = "{\"a\":1}";
        String large = Samples.html(6000, 1);

        byte[] plain = compressor.compress(small);
        byte[] packed = compressor.compress(large);

        assertThat(plain).isEqualTo(small.getBytes(StandardCharsets.UTF_8));
        assertThat(Frame.isFramed(packed)).isTrue();
        assertThat(packed.length).isLessThan(large.length() / 2);
        assertThat(compressor.decompress(packed)).isEqualTo(large);
        assertThat(compressor.decompress(plain)).isEqualTo(small);
    }

    @Test
    void keepsIncompressibleValuesPlain() {
        byte[] random = new byte[3000];
        new java.util.Random(7).nextBytes(random);
        String noise = java.util.Base64.getEncoder().encodeToString(random).replaceAll("[A-Z]", "\u00e9");
        byte[] stored = compressor.compress(noise);
        assertThat(compressor.decompress(stored)).isEqualTo(noise);
        assertThat(stored.length).isLessThanOrEqualTo(noise.getBytes(StandardCharsets.UTF_8).length);
    }

    @Test
    void textFormRoundTripsAndNeverMistakesPlainTextForCompressed() {
        String large = Samples.json(4000, 3);
        String looksCompressed = TextForm.MARKER + "not really";

        String stored = compressor.compressToText(large);
        String tricky = compressor.compressToText(looksCompressed);

        assertThat(stored).startsWith(TextForm.MARKER);
        assertThat(compressor.decompressText(stored)).isEqualTo(large);
        assertThat(tricky).isNotEqualTo(looksCompressed);
        assertThat(compressor.decompressText(tricky)).isEqualTo(looksCompressed);
        assertThat(compressor.decompressText("plain")).isEqualTo("plain");
    }

    @Test
    void truncatedFrameIsATypedError() {
        byte[] packed = compressor.compress(Samples.html(8000, 2));
        int[] cuts = {5, Frame.HEADER_BYTES, Frame.HEADER_BYTES + 3, packed.length / 2, packed.length - 1};
        for (int cut : cuts) {
            byte[] truncated = Arrays.copyOf(packed, cut);
            assertThatThrownBy(() -> compressor.decompress(truncated, "documents.content"))
                    .isInstanceOf(DbOptException.class)
                    .satisfies(e -> assertThat(((DbOptException) e).errorCode()).isEqualTo(
                            JsonErrorCode.CORRUPT_VALUE))
                    .hasMessageContaining("documents.content");
        }
    }

    @Test
    void corruptStreamIsATypedError() {
        byte[] packed = compressor.compress(Samples.html(8000, 3));
        int flipped = 0;
        for (int at = Frame.HEADER_BYTES; at < packed.length; at += 17) {
            byte[] corrupt = packed.clone();
            corrupt[at] ^= 0x5A;
            try {
                String out = compressor.decompress(corrupt);
                // zstd's checksum catches every change to the content; a change that leaves it intact is fine
                assertThat(out).isEqualTo(Samples.html(8000, 3));
            } catch (DbOptException e) {
                assertThat(e.errorCode()).isEqualTo(JsonErrorCode.CORRUPT_VALUE);
                flipped++;
            }
        }
        assertThat(flipped).isPositive();
        byte[] badMagic = packed.clone();
        badMagic[1] = 'X';
        assertThatThrownBy(() -> compressor.decompress(badMagic)).isInstanceOf(DbOptException.class)
                .hasMessageContaining("magic");
        byte[] future = packed.clone();
        future[3] = 9;
        assertThatThrownBy(() -> compressor.decompress(future)).hasMessageContaining("format version 9");
    }

    @Test
    void declaredSizeOfTwoGigabytesFailsBeforeAllocating() {
        byte[] packed = compressor.compress(Samples.html(8000, 4));
        ByteBuffer.wrap(packed).putInt(9, Integer.MAX_VALUE);

        long allocated = allocatedBy(() -> assertThatThrownBy(() -> compressor.decompress(packed))
                .isInstanceOf(DbOptException.class)
                .satisfies(e -> assertThat(((DbOptException) e).errorCode()).isEqualTo(JsonErrorCode.VALUE_TOO_LARGE))
                .hasMessageContaining("2147483647"));

        assertThat(allocated).isLessThan(1 << 20);
    }

    @Test
    void zipBombStopsAtTheDeclaredSize() {
        byte[] zeros = new byte[64 << 20];
        byte[] frame = Zstd.compress(zeros, 19);
        assertThat(frame.length).isLessThan(64 << 10);
        byte[] bomb = new byte[Frame.HEADER_BYTES + frame.length];
        new Frame(0, 4096).write(bomb);
        System.arraycopy(frame, 0, bomb, Frame.HEADER_BYTES, frame.length);
        byte[] honest = bomb.clone();
        ByteBuffer.wrap(honest).putInt(9, zeros.length);

        long allocated = allocatedBy(() -> assertThatThrownBy(() -> compressor.decompress(bomb))
                .isInstanceOf(DbOptException.class)
                .satisfies(e -> assertThat(((DbOptException) e).errorCode()).isEqualTo(JsonErrorCode.CORRUPT_VALUE))
                .hasMessageContaining("expands past the declared 4096 bytes"));
        assertThatThrownBy(() -> compressor.decompress(honest))
                .satisfies(e -> assertThat(((DbOptException) e).errorCode()).isEqualTo(JsonErrorCode.VALUE_TOO_LARGE));

        assertThat(allocated).isLessThan(1 << 20);
    }

    @Test
    void unknownDictionaryIsATypedError() {
        byte[] packed = compressor.compress(Samples.html(8000, 5));
        byte[] withDictionary = packed.clone();
        withDictionary[4] = 1;
        ByteBuffer.wrap(withDictionary).putInt(5, 42);

        assertThatThrownBy(() -> compressor.decompress(withDictionary, "documents.content"))
                .isInstanceOf(DbOptException.class)
                .satisfies(e -> assertThat(((DbOptException) e).errorCode()).isEqualTo(
                        JsonErrorCode.UNKNOWN_DICTIONARY))
                .hasMessageContaining("dictionary 42");
    }

    @Test
    void valueOverTheLimitIsRefusedOnWrite() {
        String huge = "x".repeat((1 << 20) + 1);
        assertThatThrownBy(() -> compressor.compress(huge)).isInstanceOf(DbOptException.class)
                .satisfies(e -> assertThat(((DbOptException) e).errorCode()).isEqualTo(JsonErrorCode.VALUE_TOO_LARGE));
    }

    @Test
    void countsWhatItDid() {
        compressor.compress(Samples.html(8000, 6));
        compressor.compress("short");
        byte[] bad = new byte[] {(byte) 0xFF, 'D'};
        assertThatThrownBy(() -> compressor.decompress(bad)).isInstanceOf(DbOptException.class);

        assertThat(compressor.instruments().compressions()).isEqualTo(2);
        assertThat(compressor.instruments().failures()).isEqualTo(1);
        assertThat(compressor.instruments().bytesOut()).isLessThan(compressor.instruments().bytesIn());
    }

    private static long allocatedBy(Runnable r) {
        com.sun.management.ThreadMXBean bean = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().getId();
        long before = bean.getThreadAllocatedBytes(id);
        r.run();
        return bean.getThreadAllocatedBytes(id) - before;
    }
}
