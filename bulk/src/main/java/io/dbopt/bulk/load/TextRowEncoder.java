package io.dbopt.bulk.load;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

/**
 * Writes rows as tab-separated text lines with backslash escapes and {@code \N} for NULL: PostgreSQL's COPY text
 * format, or MariaDB's LOAD DATA default format (which also escapes NUL, writes booleans as 1/0, instants in UTC and
 * byte arrays as hex for an {@code UNHEX} in the statement's SET clause).
 */
final class TextRowEncoder implements RowEncoder {

    private static final byte[] NULL = {'\\', 'N'};
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private final boolean mariadb;

    TextRowEncoder(boolean mariadb) {
        this.mariadb = mariadb;
    }

    @Override
    public void encode(Object[] values, ByteBuf out) throws BadValueException {
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                out.write('\t');
            }
            writeValue(i, values[i], out);
        }
        out.write('\n');
    }

    private void writeValue(int column, Object v, ByteBuf out) throws BadValueException {
        if (v == null) {
            out.write(NULL);
        } else if (v instanceof String s) {
            writeText(column, s, out);
        } else if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
            out.writeDecimal(((Number) v).longValue());
        } else if (v instanceof BigDecimal d) {
            out.writeAscii(d.toPlainString());
        } else if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            if (mariadb && (Double.isNaN(d) || Double.isInfinite(d))) {
                throw new BadValueException(column, "MariaDB stores no NaN or infinity");
            }
            out.writeAscii(v.toString());
        } else if (v instanceof Boolean b) {
            out.write(mariadb ? (b ? '1' : '0') : (b ? 't' : 'f'));
        } else if (v instanceof LocalDateTime t) {
            writeDateTime(t, out);
        } else if (v instanceof LocalDate d) {
            writeDate(d, out);
        } else if (v instanceof Instant t) {
            writeInstant(t, out);
        } else if (v instanceof OffsetDateTime t) {
            writeInstant(t.toInstant(), out);
        } else if (v instanceof ZonedDateTime t) {
            writeInstant(t.toInstant(), out);
        } else if (v instanceof LocalTime t) {
            writeTime(t, out);
        } else if (v instanceof java.sql.Timestamp t) {
            writeDateTime(t.toLocalDateTime(), out);
        } else if (v instanceof java.sql.Date d) {
            writeDate(d.toLocalDate(), out);
        } else if (v instanceof byte[] b) {
            if (!mariadb) {
                out.write('\\');
                out.write('\\');
                out.write('x');
            }
            for (byte x : b) {
                out.write(HEX[(x >> 4) & 0xF]);
                out.write(HEX[x & 0xF]);
            }
        } else if (v instanceof Enum<?> e) {
            writeText(column, e.name(), out);
        } else {
            writeText(column, v.toString(), out);
        }
    }

    private void writeText(int column, String s, ByteBuf out) throws BadValueException {
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        int start = 0;
        for (int i = 0; i < utf8.length; i++) {
            byte b = utf8[i];
            byte escaped;
            switch (b) {
                case '\\' -> escaped = '\\';
                case '\t' -> escaped = 't';
                case '\n' -> escaped = 'n';
                case '\r' -> escaped = 'r';
                case 0 -> {
                    if (!mariadb) {
                        throw new BadValueException(column, "PostgreSQL text cannot hold the NUL character");
                    }
                    escaped = '0';
                }
                default -> {
                    continue;
                }
            }
            out.write(utf8, start, i - start);
            out.write('\\');
            out.write(escaped);
            start = i + 1;
        }
        out.write(utf8, start, utf8.length - start);
    }

    private static void writeDate(LocalDate d, ByteBuf out) {
        int year = d.getYear();
        if (year < 0 || year > 9999) {
            out.writeAscii(d.toString());
            return;
        }
        out.writePadded(year, 4);
        out.write('-');
        out.writePadded(d.getMonthValue(), 2);
        out.write('-');
        out.writePadded(d.getDayOfMonth(), 2);
    }

    private static void writeTime(LocalTime t, ByteBuf out) {
        out.writePadded(t.getHour(), 2);
        out.write(':');
        out.writePadded(t.getMinute(), 2);
        out.write(':');
        out.writePadded(t.getSecond(), 2);
        int micros = t.getNano() / 1000;
        if (micros != 0) {
            out.write('.');
            out.writePadded(micros, 6);
        }
    }

    private static void writeDateTime(LocalDateTime t, ByteBuf out) {
        writeDate(t.toLocalDate(), out);
        out.write(' ');
        writeTime(t.toLocalTime(), out);
    }

    private void writeInstant(Instant t, ByteBuf out) {
        writeDateTime(LocalDateTime.ofInstant(t, ZoneOffset.UTC), out);
        if (!mariadb) {
            out.write('+');
            out.write('0');
            out.write('0');
        }
    }
}
