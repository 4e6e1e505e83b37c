package io.dbopt.bulk.load;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

/**
 * Writes rows in PostgreSQL's binary COPY format, each value in the binary form of its target column's type (read
 * from the catalog): no parsing on the server. Types without a binary writer here make the table unsuited to
 * binary COPY ({@link #supports(String)}); the loader then uses text.
 */
final class BinaryRowEncoder implements RowEncoder {

    private static final byte[] SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0,
        0, 0, 0, 0, 0, 0, 0, 0};
    private static final byte[] TRAILER = {(byte) 0xFF, (byte) 0xFF};
    /** Seconds from 1970-01-01 to PostgreSQL's epoch 2000-01-01 (UTC). */
    private static final long PG_EPOCH_SECONDS = 946_684_800L;
    private static final long PG_EPOCH_DAYS = 10_957L;
    private static final Set<String> TYPES = Set.of("int2", "int4", "int8", "float4", "float8", "numeric", "bool",
            "text", "varchar", "bpchar", "name", "json", "jsonb", "date", "timestamp", "timestamptz", "uuid", "bytea");

    private final String[] types;

    BinaryRowEncoder(List<String> columnTypes) {
        this.types = columnTypes.toArray(String[]::new);
    }

    /** Whether values of this PostgreSQL type name ({@code pg_type.typname}) can be written in binary here. */
    static boolean supports(String typname) {
        return TYPES.contains(typname);
    }

    @Override
    public byte[] header() {
        return SIGNATURE.clone();
    }

    @Override
    public byte[] trailer() {
        return TRAILER.clone();
    }

    @Override
    public void encode(Object[] values, ByteBuf out) throws BadValueException {
        out.writeShort(values.length);
        for (int i = 0; i < values.length; i++) {
            Object v = values[i];
            if (v == null) {
                out.writeInt(-1);
            } else {
                write(i, types[i], v, out);
            }
        }
    }

    private static void write(int col, String type, Object v, ByteBuf out) throws BadValueException {
        switch (type) {
            case "int2" -> {
                long n = integral(col, type, v);
                if (n < Short.MIN_VALUE || n > Short.MAX_VALUE) {
                    throw new BadValueException(col, "value out of range for smallint");
                }
                out.writeInt(2);
                out.writeShort((int) n);
            }
            case "int4" -> {
                long n = integral(col, type, v);
                if (n < Integer.MIN_VALUE || n > Integer.MAX_VALUE) {
                    throw new BadValueException(col, "value out of range for integer");
                }
                out.writeInt(4);
                out.writeInt((int) n);
            }
            case "int8" -> {
                out.writeInt(8);
                out.writeLong(integral(col, type, v));
            }
            case "float4" -> {
                out.writeInt(4);
                out.writeInt(Float.floatToIntBits(number(col, type, v).floatValue()));
            }
            case "float8" -> {
                out.writeInt(8);
                out.writeLong(Double.doubleToLongBits(number(col, type, v).doubleValue()));
            }
            case "numeric" -> writeNumeric(col, v, out);
            case "bool" -> {
                if (!(v instanceof Boolean b)) {
                    throw mismatch(col, type, v);
                }
                out.writeInt(1);
                out.write(b ? 1 : 0);
            }
            case "date" -> {
                LocalDate d = v instanceof LocalDate ld ? ld : v instanceof java.sql.Date sd ? sd.toLocalDate() : null;
                if (d == null) {
                    throw mismatch(col, type, v);
                }
                out.writeInt(4);
                out.writeInt((int) (d.toEpochDay() - PG_EPOCH_DAYS));
            }
            case "timestamp" -> {
                LocalDateTime t = v instanceof LocalDateTime l ? l
                        : v instanceof java.sql.Timestamp ts ? ts.toLocalDateTime() : null;
                if (t == null) {
                    throw mismatch(col, type, v);
                }
                out.writeInt(8);
                out.writeLong(micros(t.toEpochSecond(ZoneOffset.UTC), t.getNano()));
            }
            case "timestamptz" -> {
                Instant t = v instanceof Instant i ? i : v instanceof OffsetDateTime o ? o.toInstant()
                        : v instanceof ZonedDateTime z ? z.toInstant()
                        : v instanceof java.sql.Timestamp ts ? ts.toInstant() : null;
                if (t == null) {
                    throw mismatch(col, type, v);
                }
                out.writeInt(8);
                out.writeLong(micros(t.getEpochSecond(), t.getNano()));
            }
            case "uuid" -> {
                UUID u;
                try {
                    u = v instanceof UUID x ? x : UUID.fromString(v.toString());
                } catch (IllegalArgumentException e) {
                    throw new BadValueException(col, "not a UUID");
                }
                out.writeInt(16);
                out.writeLong(u.getMostSignificantBits());
                out.writeLong(u.getLeastSignificantBits());
            }
            case "bytea" -> {
                if (!(v instanceof byte[] b)) {
                    throw mismatch(col, type, v);
                }
                out.writeInt(b.length);
                out.write(b);
            }
            case "jsonb" -> {
                byte[] b = text(v).getBytes(StandardCharsets.UTF_8);
                out.writeInt(b.length + 1);
                out.write(1);
                out.write(b);
            }
            default -> {
                byte[] b = text(v).getBytes(StandardCharsets.UTF_8);
                if (type.equals("text") || type.equals("varchar") || type.equals("bpchar")) {
                    for (byte x : b) {
                        if (x == 0) {
                            throw new BadValueException(col, "PostgreSQL text cannot hold the NUL character");
                        }
                    }
                }
                out.writeInt(b.length);
                out.write(b);
            }
        }
    }

    private static String text(Object v) {
        return v instanceof Enum<?> e ? e.name() : v.toString();
    }

    private static long micros(long epochSecond, int nano) {
        return (epochSecond - PG_EPOCH_SECONDS) * 1_000_000L + nano / 1000;
    }

    private static long integral(int col, String type, Object v) throws BadValueException {
        if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
            return ((Number) v).longValue();
        }
        if (v instanceof BigInteger b && b.bitLength() < 64) {
            return b.longValue();
        }
        if (v instanceof BigDecimal d) {
            try {
                return d.longValueExact();
            } catch (ArithmeticException e) {
                throw new BadValueException(col, "not a whole number in range for " + type);
            }
        }
        throw mismatch(col, type, v);
    }

    private static Number number(int col, String type, Object v) throws BadValueException {
        if (v instanceof Number n) {
            return n;
        }
        throw mismatch(col, type, v);
    }

    private static BadValueException mismatch(int col, String type, Object v) {
        return new BadValueException(col, "a " + v.getClass().getSimpleName() + " cannot be written to a "
                + type + " column in binary COPY (use LoadStrategy.COPY_TEXT, or map the column to a matching type)");
    }

    private static void writeNumeric(int col, Object v, ByteBuf out) throws BadValueException {
        BigDecimal value;
        if (v instanceof BigDecimal d) {
            value = d;
        } else if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            if (Double.isNaN(d)) {
                out.writeInt(8);
                out.writeShort(0);
                out.writeShort(0);
                out.writeShort(0xC000);
                out.writeShort(0);
                return;
            }
            if (Double.isInfinite(d)) {
                throw new BadValueException(col, "infinity in a numeric column");
            }
            value = BigDecimal.valueOf(d);
        } else if (v instanceof BigInteger b) {
            value = new BigDecimal(b);
        } else if (v instanceof Number n) {
            value = BigDecimal.valueOf(n.longValue());
        } else {
            throw mismatch(col, "numeric", v);
        }
        boolean negative = value.signum() < 0;
        BigDecimal abs = value.abs();
        if (abs.scale() < 0) {
            abs = abs.setScale(0);
        }
        int dscale = abs.scale();
        String plain = abs.toPlainString();
        int dot = plain.indexOf('.');
        String ip = dot < 0 ? plain : plain.substring(0, dot);
        String fp = dot < 0 ? "" : plain.substring(dot + 1);
        if (ip.equals("0")) {
            ip = "";
        }
        ip = "0".repeat((4 - ip.length() % 4) % 4) + ip;
        fp = fp + "0".repeat((4 - fp.length() % 4) % 4);
        int intGroups = ip.length() / 4;
        int groups = intGroups + fp.length() / 4;
        short[] digits = new short[groups];
        String all = ip + fp;
        for (int g = 0; g < groups; g++) {
            digits[g] = Short.parseShort(all.substring(g * 4, g * 4 + 4));
        }
        int weight = intGroups - 1;
        int start = 0;
        while (start < groups && digits[start] == 0) {
            start++;
            weight--;
        }
        int end = groups;
        while (end > start && digits[end - 1] == 0) {
            end--;
        }
        int n = end - start;
        if (n == 0) {
            weight = 0;
            negative = false;
        }
        if (weight > Short.MAX_VALUE || weight < Short.MIN_VALUE || dscale > 0x3FFF) {
            throw new BadValueException(col, "numeric value out of PostgreSQL's range");
        }
        out.writeInt(8 + 2 * n);
        out.writeShort(n);
        out.writeShort(weight);
        out.writeShort(negative ? 0x4000 : 0);
        out.writeShort(dscale);
        for (int i = start; i < end; i++) {
            out.writeShort(digits[i]);
        }
    }

    @Override
    public String toString() {
        return "binary COPY of " + String.join(", ", types).toLowerCase(Locale.ROOT);
    }
}
