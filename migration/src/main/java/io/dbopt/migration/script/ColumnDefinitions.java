package io.dbopt.migration.script;

import java.util.ArrayList;
import java.util.List;

/** The column definitions a statement writes, with the table they belong to. */
final class ColumnDefinitions {

    /** A column definition and its table. */
    record Defined(Ddl.Name table, Ddl.ColumnSpec column) {
    }

    private ColumnDefinitions() {
    }

    static List<Defined> of(Ddl ddl) {
        List<Defined> out = new ArrayList<>();
        if (ddl instanceof Ddl.CreateTable ct) {
            ct.columns().forEach(c -> out.add(new Defined(ct.table(), c)));
        } else if (ddl instanceof Ddl.AlterTable at) {
            for (Ddl.Action a : at.actions()) {
                if (a instanceof Ddl.AddColumn add) {
                    out.add(new Defined(at.table(), add.column()));
                } else if (a instanceof Ddl.ModifyColumn m) {
                    out.add(new Defined(at.table(), m.column()));
                } else if (a instanceof Ddl.ChangeColumn c) {
                    out.add(new Defined(at.table(), c.column()));
                }
            }
        }
        return out;
    }

    /** The types a statement writes: every defined column's type and every ALTER COLUMN ... TYPE. */
    static List<String[]> types(Ddl ddl) {
        List<String[]> out = new ArrayList<>();
        for (Defined d : of(ddl)) {
            out.add(new String[] {d.table().toString(), d.column().name(), d.column().fullType()});
        }
        if (ddl instanceof Ddl.AlterTable at) {
            for (Ddl.Action a : at.actions()) {
                if (a instanceof Ddl.AlterColumnType t) {
                    out.add(new String[] {at.table().toString(), t.column(), t.newType()});
                }
            }
        }
        return out;
    }
}
