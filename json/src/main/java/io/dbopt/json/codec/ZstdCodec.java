package io.dbopt.json.codec;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdCompressCtx;
import com.github.luben.zstd.ZstdDecompressCtx;
import com.github.luben.zstd.ZstdException;
import io.dbopt.core.DbOptException;
import io.dbopt.json.JsonErrorCode;
import io.dbopt.json.metrics.JsonInstruments;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntFunction;

/**
 * Byte-level zstd codec with dbopt's {@link Frame} header: values under the minimum size, and values zstd cannot
 * shrink, stay plain UTF-8; the others become header plus one checksummed zstd frame, optionally compressed with a
 * trained dictionary.
 *
 * <p>Decoding is bounded: a declared length over the maximum fails before anything is allocated, the output buffer
 * is exactly the declared length so a frame that expands further (a zip bomb) fails instead of growing, and a
 * truncated or corrupt frame, a checksum mismatch or an unknown dictionary are {@link DbOptException}s with a
 * {@link JsonErrorCode}, never an {@link OutOfMemoryError}. zstd contexts are pooled (a few per core) and reused.
 * Thread-safe; {@link #close()} frees the pooled native contexts.
 */
public final class ZstdCodec implements AutoCloseable {

    private static final int POOL = Math.max(4, 2 * Runtime.getRuntime().availableProcessors());

    private final int level;
    private final long minSize;
    private final long maxValueSize;
    private final JsonInstruments instruments;
    /** Contexts by dictionary id (0: none), each set up once: its level, flags and dictionary stay loaded. */
    private final Map<Integer, BlockingQueue<ZstdCompressCtx>> compressors = new ConcurrentHashMap<>();
    private final Map<Integer, BlockingQueue<ZstdDecompressCtx>> decompressors = new ConcurrentHashMap<>();

    /**
     * A codec.
     *
     * @param level the zstd level, 1 to 22
     * @param minSize values shorter than this many bytes stay plain
     * @param maxValueSize the largest original value written or read back
     * @param instruments where compressions, decompressions and failures are counted
     */
    public ZstdCodec(int level, long minSize, long maxValueSize, JsonInstruments instruments) {
        if (level < 1 || level > Zstd.maxCompressionLevel()) {
            throw new IllegalArgumentException("zstd level must be 1 to " + Zstd.maxCompressionLevel() + ", was "
                    + level);
        }
        if (minSize < 0 || maxValueSize < 1 || maxValueSize > Integer.MAX_VALUE - Frame.HEADER_BYTES) {
            throw new IllegalArgumentException("minSize must be >= 0 and maxValueSize 1 to "
                    + (Integer.MAX_VALUE - Frame.HEADER_BYTES));
        }
        this.level = level;
        this.minSize = minSize;
        this.maxValueSize = maxValueSize;
        this.instruments = instruments;
    }

    /** The largest original value this codec writes or reads back. */
    public long maxValueSize() {
        return maxValueSize;
    }

    /** The size under which values stay plain. */
    public long minSize() {
        return minSize;
    }

    /**
     * Encodes a value for storage: plain when it is short or does not shrink, framed otherwise.
     *
     * @param utf8 the value's UTF-8 bytes
     * @param dictionary the dictionary to compress with, or null
     * @param where what the value is, for messages
     * @param force compress even under the minimum size (for values that must not look plain)
     * @throws DbOptException {@link JsonErrorCode#VALUE_TOO_LARGE} when the value is over the maximum
     */
    public byte[] encode(byte[] utf8, LoadedDictionary dictionary, String where, boolean force) {
        long start = System.nanoTime();
        if (utf8.length > maxValueSize) {
            throw new DbOptException(JsonErrorCode.VALUE_TOO_LARGE, "The value of " + where + " is " + utf8.length
                    + " bytes, over json.compression.max_value_size (" + maxValueSize + "): raise the limit or "
                    + "store it elsewhere; nothing was written");
        }
        if (utf8.length < minSize && !force) {
            instruments.compressed(System.nanoTime() - start, utf8.length, utf8.length, false);
            return utf8;
        }
        byte[] out = new byte[Frame.HEADER_BYTES + (int) Math.min(Integer.MAX_VALUE - Frame.HEADER_BYTES,
                Zstd.compressBound(utf8.length))];
        int n;
        int id = dictionary == null ? 0 : dictionary.id();
        ZstdCompressCtx ctx = borrowCompressor(id, dictionary);
        boolean healthy = false;
        try {
            n = ctx.compressByteArray(out, Frame.HEADER_BYTES, out.length - Frame.HEADER_BYTES, utf8, 0, utf8.length);
            healthy = true;
        } finally {
            give(id, ctx, healthy);
        }
        if (!force && Frame.HEADER_BYTES + n >= utf8.length) {
            instruments.compressed(System.nanoTime() - start, utf8.length, utf8.length, false);
            return utf8; // incompressible: plain is smaller
        }
        new Frame(dictionary == null ? 0 : dictionary.id(), utf8.length).write(out);
        byte[] stored = java.util.Arrays.copyOf(out, Frame.HEADER_BYTES + n);
        instruments.compressed(System.nanoTime() - start, utf8.length, stored.length, true);
        return stored;
    }

    /**
     * Decodes a stored value to its UTF-8 bytes; plain values come back as they are.
     *
     * @param stored what was stored
     * @param dictionaries finds a dictionary by id
     * @param where what the value is, for messages
     * @throws DbOptException {@link JsonErrorCode#CORRUPT_VALUE}, {@link JsonErrorCode#VALUE_TOO_LARGE} or
     *     {@link JsonErrorCode#UNKNOWN_DICTIONARY}
     */
    public byte[] decode(byte[] stored, IntFunction<Optional<LoadedDictionary>> dictionaries, String where) {
        long start = System.nanoTime();
        if (!Frame.isFramed(stored)) {
            instruments.decompressed(System.nanoTime() - start);
            return stored;
        }
        try {
            byte[] out = decodeFramed(stored, dictionaries, where);
            instruments.decompressed(System.nanoTime() - start);
            return out;
        } catch (DbOptException e) {
            instruments.decompressFailed(((JsonErrorCode) e.errorCode()).name());
            throw e;
        }
    }

    private byte[] decodeFramed(byte[] stored, IntFunction<Optional<LoadedDictionary>> dictionaries, String where) {
        Frame frame = Frame.read(stored, where);
        if (frame.length() > maxValueSize) {
            throw new DbOptException(JsonErrorCode.VALUE_TOO_LARGE, "The stored value of " + where + " declares "
                    + frame.length() + " bytes, over json.compression.max_value_size (" + maxValueSize + "): raise "
                    + "the limit if the value is genuine; nothing was read");
        }
        LoadedDictionary dictionary = null;
        if (frame.dictionaryId() != 0) {
            dictionary = dictionaries.apply(frame.dictionaryId()).orElseThrow(() -> new DbOptException(
                    JsonErrorCode.UNKNOWN_DICTIONARY, "The stored value of " + where + " was compressed with "
                    + "dictionary " + frame.dictionaryId() + ", which is not in the dictionary table: restore the "
                    + "table's row (dictionaries must never be deleted while values use them)"));
        }
        byte[] out = new byte[frame.length()];
        int n;
        ZstdDecompressCtx ctx = borrowDecompressor(frame.dictionaryId(), dictionary);
        boolean healthy = false;
        try {
            n = ctx.decompressByteArray(out, 0, out.length, stored, Frame.HEADER_BYTES,
                    stored.length - Frame.HEADER_BYTES);
            healthy = true;
        } catch (ZstdException e) {
            throw Frame.corrupt(where, "zstd says '" + e.getMessage() + "'"
                    + (isTooSmall(e) ? " (it expands past the declared " + frame.length() + " bytes)" : ""), e);
        } finally {
            giveDecompressor(frame.dictionaryId(), ctx, healthy);
        }
        if (n != frame.length()) {
            throw Frame.corrupt(where, "it decompresses to " + n + " bytes, not the declared " + frame.length());
        }
        return out;
    }

    private static boolean isTooSmall(ZstdException e) {
        return String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT).contains("too small");
    }

    private ZstdCompressCtx borrowCompressor(int id, LoadedDictionary dictionary) {
        ZstdCompressCtx ctx = pool(compressors, id).poll();
        if (ctx == null) {
            // the header carries the length and dictionary id; the frame keeps a checksum
            ctx = new ZstdCompressCtx().setLevel(level).setChecksum(true).setContentSize(false).setDictID(false);
            if (dictionary != null) {
                ctx.loadDict(dictionary.forCompression(level));
            }
        }
        return ctx;
    }

    /** Returns a context to its pool; one that failed midway is closed rather than reused. */
    private void give(int id, ZstdCompressCtx ctx, boolean healthy) {
        if (!healthy || !pool(compressors, id).offer(ctx)) {
            ctx.close();
        }
    }

    private ZstdDecompressCtx borrowDecompressor(int id, LoadedDictionary dictionary) {
        ZstdDecompressCtx ctx = pool(decompressors, id).poll();
        if (ctx == null) {
            ctx = new ZstdDecompressCtx();
            if (dictionary != null) {
                ctx.loadDict(dictionary.forDecompression());
            }
        }
        return ctx;
    }

    private void giveDecompressor(int id, ZstdDecompressCtx ctx, boolean healthy) {
        if (!healthy) {
            ctx.reset(); // a failed frame leaves the session mid-way
        }
        if (!pool(decompressors, id).offer(ctx)) {
            ctx.close();
        }
    }

    private static <T> BlockingQueue<T> pool(Map<Integer, BlockingQueue<T>> pools, int id) {
        return pools.computeIfAbsent(id, k -> new ArrayBlockingQueue<>(POOL));
    }

    /** Frees the pooled native contexts; a codec still in use creates new ones. */
    @Override
    public void close() {
        for (BlockingQueue<ZstdCompressCtx> q : compressors.values()) {
            ZstdCompressCtx c;
            while ((c = q.poll()) != null) {
                c.close();
            }
        }
        for (BlockingQueue<ZstdDecompressCtx> q : decompressors.values()) {
            ZstdDecompressCtx d;
            while ((d = q.poll()) != null) {
                d.close();
            }
        }
    }
}
