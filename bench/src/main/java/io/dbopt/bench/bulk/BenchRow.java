package io.dbopt.bench.bulk;

import io.dbopt.bulk.load.RowMapping;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Iterator;

/**
 * The benchmark's row: the 9-column table of issue 12 (integers, text, timestamps, numeric, nullable columns),
 * generated on the fly from its index so that no method pays for holding a million rows.
 */
record BenchRow(long id, int qty, int bucket, Long ref, String name, String note, BigDecimal amount,
                LocalDateTime created, OffsetDateTime updated) {

    static final String PG_DDL = "(id bigint PRIMARY KEY, qty int NOT NULL, bucket int NOT NULL, ref bigint, "
            + "name text NOT NULL, note text, amount numeric(12,2), created timestamp NOT NULL, updated timestamptz)";
    static final String MARIADB_DDL = "(id bigint PRIMARY KEY, qty int NOT NULL, bucket int NOT NULL, ref bigint, "
            + "name varchar(64) NOT NULL, note varchar(200), amount decimal(12,2), created datetime(6) NOT NULL, "
            + "updated timestamp(6) NULL)";
    static final String[] COLUMNS = {"id", "qty", "bucket", "ref", "name", "note", "amount", "created", "updated"};
    private static final LocalDateTime T0 = LocalDateTime.of(2024, 1, 1, 0, 0);

    static final RowMapping<BenchRow> MAPPING = RowMapping.<BenchRow>builder()
            .column("id", BenchRow::id).column("qty", BenchRow::qty).column("bucket", BenchRow::bucket)
            .column("ref", BenchRow::ref).column("name", BenchRow::name).column("note", BenchRow::note)
            .column("amount", BenchRow::amount).column("created", BenchRow::created)
            .column("updated", BenchRow::updated).build();

    static BenchRow of(long i) {
        return new BenchRow(i, (int) (i % 10_000), (int) (i % 97), i % 3 == 0 ? null : Long.valueOf(i * 7), "name-" + i,
                i % 4 == 0 ? null : "a note about row " + i + " with some text",
                i % 5 == 0 ? null : BigDecimal.valueOf(i % 1_000_000, 2),
                T0.plusSeconds(i), i % 2 == 0 ? null : OffsetDateTime.of(T0.plusSeconds(i * 3), ZoneOffset.UTC));
    }

    Object[] values() {
        return new Object[] {id, qty, bucket, ref, name, note, amount, created, updated};
    }

    /** Rows {@code first..first+count-1}, made as they are read. */
    static Iterator<BenchRow> rows(long first, long count) {
        return new Iterator<>() {
            private long next = first;

            @Override
            public boolean hasNext() {
                return next < first + count;
            }

            @Override
            public BenchRow next() {
                return of(next++);
            }
        };
    }

    static Iterable<BenchRow> iterable(long first, long count) {
        return () -> rows(first, count);
    }
}
