package io.dbopt.bulk.load;

import java.util.Arrays;

/** A growable byte array with big-endian writes; the encoders' output. Not thread-safe. */
final class ByteBuf {

    private byte[] bytes;
    private int length;

    ByteBuf(int initialCapacity) {
        bytes = new byte[Math.max(16, initialCapacity)];
    }

    int length() {
        return length;
    }

    byte[] array() {
        return bytes;
    }

    void reset() {
        length = 0;
    }

    /** Drops everything after {@code newLength} (undoes a partly encoded row). */
    void truncate(int newLength) {
        length = newLength;
    }

    private void ensure(int more) {
        if (length + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
        }
    }

    void write(int b) {
        ensure(1);
        bytes[length++] = (byte) b;
    }

    void write(byte[] b) {
        write(b, 0, b.length);
    }

    void write(byte[] b, int off, int len) {
        ensure(len);
        System.arraycopy(b, off, bytes, length, len);
        length += len;
    }

    void writeShort(int v) {
        ensure(2);
        bytes[length++] = (byte) (v >>> 8);
        bytes[length++] = (byte) v;
    }

    void writeInt(int v) {
        ensure(4);
        bytes[length++] = (byte) (v >>> 24);
        bytes[length++] = (byte) (v >>> 16);
        bytes[length++] = (byte) (v >>> 8);
        bytes[length++] = (byte) v;
    }

    void writeLong(long v) {
        writeInt((int) (v >>> 32));
        writeInt((int) v);
    }

    /** Writes ASCII text (digits, dates) without allocating. */
    void writeAscii(CharSequence s) {
        int n = s.length();
        ensure(n);
        for (int i = 0; i < n; i++) {
            bytes[length++] = (byte) s.charAt(i);
        }
    }

    /** Writes {@code value} in decimal. */
    void writeDecimal(long value) {
        if (value == Long.MIN_VALUE) {
            writeAscii(Long.toString(value));
            return;
        }
        if (value < 0) {
            write('-');
            value = -value;
        }
        int digits = 1;
        for (long p = 10; p <= value && digits < 19; p *= 10) {
            digits++;
        }
        ensure(digits);
        for (int i = length + digits - 1; i >= length; i--) {
            bytes[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
        length += digits;
    }

    /** Writes {@code value} in decimal, left-padded with zeros to {@code width} digits. */
    void writePadded(long value, int width) {
        int digits = 1;
        for (long p = 10; p <= value && digits < 19; p *= 10) {
            digits++;
        }
        for (int i = digits; i < width; i++) {
            write('0');
        }
        writeDecimal(value);
    }
}
