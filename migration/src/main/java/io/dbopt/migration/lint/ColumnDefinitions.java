package io.dbopt.migration.lint;

import io.dbopt.migration.script.Ddl;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The column definitions and column types a statement writes, with their table and place. Stateless. */
final class ColumnDefinitions {

    /** A column definition, its table, and whether an ALTER TABLE adds it to an existing table. */
    record Defined(Ddl.Name table, Ddl.ColumnSpec column, boolean added, int offset) {
    }

    /** A type a statement gives a column (a definition or {@code ALTER COLUMN ... TYPE}). */
    record TypeUse(Ddl.Name table, String column, Ddl.TypeRef type, int offset) {
        /** The canonical base name ({@link #canonical(String)}). */
        String base() {
            return canonical(type.name());
        }
    }

    private static final Map<String, String> ALIASES = Map.ofEntries(Map.entry("int", "integer"),
            Map.entry("int4", "integer"), Map.entry("int2", "smallint"), Map.entry("int8", "bigint"),
            Map.entry("serial4", "serial"), Map.entry("serial2", "smallserial"), Map.entry("serial8", "bigserial"),
            Map.entry("character varying", "varchar"), Map.entry("char", "character"), Map.entry("bpchar", "character"),
            Map.entry("timestamp without time zone", "timestamp"), Map.entry("timestamp with time zone", "timestamptz"),
            Map.entry("time without time zone", "time"), Map.entry("time with time zone", "timetz"),
            Map.entry("decimal", "numeric"), Map.entry("bool", "boolean"), Map.entry("float8", "double precision"),
            Map.entry("float4", "real"));

    private ColumnDefinitions() {
    }

    /** The canonical spelling of a base type name: {@code int4} and {@code int} are {@code integer}. */
    static String canonical(String name) {
        String lower = name.startsWith("\"") ? name : name.toLowerCase(Locale.ROOT);
        return ALIASES.getOrDefault(lower, lower);
    }

    static List<Defined> of(Ddl ddl) {
        List<Defined> out = new ArrayList<>();
        if (ddl instanceof Ddl.CreateTable ct) {
            ct.columns().forEach(c -> out.add(new Defined(ct.table(), c, false, c.offset())));
        } else if (ddl instanceof Ddl.AlterTable at) {
            for (int i = 0; i < at.actions().size(); i++) {
                Ddl.Action a = at.actions().get(i);
                int offset = at.offsetOf(i);
                if (a instanceof Ddl.AddColumn add) {
                    out.add(new Defined(at.table(), add.column(), true, Math.max(offset, add.column().offset())));
                } else if (a instanceof Ddl.ModifyColumn m) {
                    out.add(new Defined(at.table(), m.column(), false, offset));
                } else if (a instanceof Ddl.ChangeColumn c) {
                    out.add(new Defined(at.table(), c.column(), false, offset));
                }
            }
        }
        return out;
    }

    /** The types a statement writes: every defined column's type and every ALTER COLUMN ... TYPE. */
    static List<TypeUse> types(Ddl ddl) {
        List<TypeUse> out = new ArrayList<>();
        for (Defined d : of(ddl)) {
            if (!d.column().typeRef().name().isEmpty()) {
                out.add(new TypeUse(d.table(), d.column().name(), d.column().typeRef(), d.offset()));
            }
        }
        if (ddl instanceof Ddl.AlterTable at) {
            for (int i = 0; i < at.actions().size(); i++) {
                if (at.actions().get(i) instanceof Ddl.AlterColumnType t) {
                    out.add(new TypeUse(at.table(), t.column(), t.typeRef(), at.offsetOf(i)));
                }
            }
        }
        return out;
    }
}
