package io.dbopt.json.codec;

import com.github.luben.zstd.ZstdDictCompress;
import com.github.luben.zstd.ZstdDictDecompress;
import io.dbopt.json.DictionaryInfo;
import java.util.Objects;

/**
 * A trained dictionary with its digested zstd forms, shared by every thread (zstd's digested dictionaries are
 * read-only). The compression form is built on first use, at the codec's level. Closed by the {@link ZstdCodec} or
 * {@link DictionaryStore} that loaded it. Thread-safe.
 */
public final class LoadedDictionary implements AutoCloseable {

    private final DictionaryInfo info;
    private final byte[] content;
    private final ZstdDictDecompress decompress;
    private volatile ZstdDictCompress compress;
    private int compressLevel;

    /**
     * Digests a dictionary for decompression.
     *
     * @param info what the dictionary table says about it
     * @param content the dictionary as zstd trained it
     */
    public LoadedDictionary(DictionaryInfo info, byte[] content) {
        this.info = Objects.requireNonNull(info, "info");
        this.content = content.clone();
        this.decompress = new ZstdDictDecompress(this.content);
    }

    /** The dictionary's row in the dictionary table. */
    public DictionaryInfo info() {
        return info;
    }

    /** The dictionary's id, as written into frame headers. */
    public int id() {
        return info.id();
    }

    ZstdDictDecompress forDecompression() {
        return decompress;
    }

    synchronized ZstdDictCompress forCompression(int level) {
        if (compress == null || compressLevel != level) {
            if (compress != null) {
                compress.close();
            }
            compress = new ZstdDictCompress(content, level);
            compressLevel = level;
        }
        return compress;
    }

    /** A copy of the dictionary's bytes. */
    public byte[] content() {
        return content.clone();
    }

    @Override
    public synchronized void close() {
        decompress.close();
        if (compress != null) {
            compress.close();
        }
    }
}
