package io.dbopt.migration.lint;

import io.dbopt.migration.script.Ddl;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The table-level locks a PostgreSQL statement takes, after the lock table of PostgreSQL's documentation
 * ("Explicit Locking") and {@code ALTER TABLE}'s notes. Stateless.
 */
final class Locks {

    /** PostgreSQL's table lock modes, weakest first. */
    enum Level {
        ACCESS_SHARE, ROW_SHARE, ROW_EXCLUSIVE, SHARE_UPDATE_EXCLUSIVE, SHARE, SHARE_ROW_EXCLUSIVE, EXCLUSIVE,
        ACCESS_EXCLUSIVE;

        /** Whether the lock makes INSERT, UPDATE and DELETE wait. */
        boolean blocksWrites() {
            return compareTo(SHARE) >= 0;
        }

        /** Whether the lock makes SELECT wait. */
        boolean blocksReads() {
            return this == ACCESS_EXCLUSIVE;
        }

        /** The mode as PostgreSQL names it, {@code SHARE ROW EXCLUSIVE}. */
        String sqlName() {
            return name().replace('_', ' ');
        }

        static Level of(String sqlName) {
            return valueOf(sqlName.toUpperCase(Locale.ROOT).replace(' ', '_'));
        }
    }

    /** A lock on a relation. */
    record TableLock(Ddl.Name table, Level level) {
    }

    private Locks() {
    }

    /** The locks the statement takes on tables (and, for index statements, on the index's table). */
    static List<TableLock> of(Ddl ddl) {
        List<TableLock> out = new ArrayList<>();
        if (ddl instanceof Ddl.AlterTable at) {
            Level strongest = null;
            for (Ddl.Action a : at.actions()) {
                Level l = of(a);
                strongest = strongest == null || l.compareTo(strongest) > 0 ? l : strongest;
                if (a instanceof Ddl.AddConstraint ac && ac.constraint().kind() == Ddl.ConstraintKind.FOREIGN_KEY) {
                    ac.constraint().refTable().ifPresent(t -> out.add(new TableLock(t, Level.SHARE_ROW_EXCLUSIVE)));
                }
                if (a instanceof Ddl.AddColumn add) {
                    add.column().references().ifPresent(t -> out.add(new TableLock(t, Level.SHARE_ROW_EXCLUSIVE)));
                }
                if (a instanceof Ddl.DetachPartition d || a instanceof Ddl.AttachPartition) {
                    Ddl.Name partition = a instanceof Ddl.DetachPartition dp ? dp.partition()
                            : ((Ddl.AttachPartition) a).partition();
                    out.add(new TableLock(partition, Level.ACCESS_EXCLUSIVE));
                }
            }
            if (strongest != null) {
                out.add(0, new TableLock(at.table(), strongest));
            }
        } else if (ddl instanceof Ddl.CreateIndex ci) {
            out.add(new TableLock(ci.table(), ci.concurrently() ? Level.SHARE_UPDATE_EXCLUSIVE : Level.SHARE));
        } else if (ddl instanceof Ddl.CreateTable ct) {
            ct.columns().forEach(c -> c.references().ifPresent(t -> out.add(new TableLock(t,
                    Level.SHARE_ROW_EXCLUSIVE))));
            ct.constraints().stream().filter(k -> k.kind() == Ddl.ConstraintKind.FOREIGN_KEY)
                    .forEach(k -> k.refTable().ifPresent(t -> out.add(new TableLock(t, Level.SHARE_ROW_EXCLUSIVE))));
            ct.partitionOf().ifPresent(p -> out.add(new TableLock(p, Level.ACCESS_EXCLUSIVE)));
        } else if (ddl instanceof Ddl.Drop d) {
            if (d.kind() == Ddl.ObjectKind.TABLE || d.kind() == Ddl.ObjectKind.INDEX && !d.concurrently()
                    || d.kind() == Ddl.ObjectKind.VIEW || d.kind() == Ddl.ObjectKind.MATERIALIZED_VIEW
                    || d.kind() == Ddl.ObjectKind.SEQUENCE) {
                d.names().forEach(n -> out.add(new TableLock(n, Level.ACCESS_EXCLUSIVE)));
            } else if (d.kind() == Ddl.ObjectKind.INDEX) {
                d.names().forEach(n -> out.add(new TableLock(n, Level.SHARE_UPDATE_EXCLUSIVE)));
            } else if (d.kind() == Ddl.ObjectKind.TRIGGER) {
                d.onTable().ifPresent(t -> out.add(new TableLock(t, Level.ACCESS_EXCLUSIVE)));
            }
        } else if (ddl instanceof Ddl.RenameTables r) {
            r.from().forEach(n -> out.add(new TableLock(n, Level.ACCESS_EXCLUSIVE)));
        } else if (ddl instanceof Ddl.Reindex r) {
            r.name().ifPresent(n -> out.add(new TableLock(n, r.concurrently() ? Level.SHARE_UPDATE_EXCLUSIVE
                    : Level.ACCESS_EXCLUSIVE)));
        } else if (ddl instanceof Ddl.Vacuum v) {
            Level l = v.full() ? Level.ACCESS_EXCLUSIVE : Level.SHARE_UPDATE_EXCLUSIVE;
            v.tables().forEach(t -> out.add(new TableLock(t, l)));
        } else if (ddl instanceof Ddl.Cluster c) {
            c.table().ifPresent(t -> out.add(new TableLock(t, Level.ACCESS_EXCLUSIVE)));
        } else if (ddl instanceof Ddl.Lock l) {
            l.tables().forEach(t -> out.add(new TableLock(t, Level.of(l.mode()))));
        } else if (ddl instanceof Ddl.Refresh r) {
            out.add(new TableLock(r.view(), r.concurrently() ? Level.EXCLUSIVE : Level.ACCESS_EXCLUSIVE));
        } else if (ddl instanceof Ddl.DataChange dc) {
            Level l = dc.verb().equals("TRUNCATE") ? Level.ACCESS_EXCLUSIVE : Level.ROW_EXCLUSIVE;
            dc.tables().forEach(t -> out.add(new TableLock(t, l)));
        } else if (ddl instanceof Ddl.CreateTrigger ct) {
            out.add(new TableLock(ct.table(), Level.SHARE_ROW_EXCLUSIVE));
        }
        return out;
    }

    /** The lock one ALTER TABLE action needs on its table. */
    static Level of(Ddl.Action action) {
        if (action instanceof Ddl.ValidateConstraint) {
            return Level.SHARE_UPDATE_EXCLUSIVE;
        }
        if (action instanceof Ddl.AddConstraint ac && ac.constraint().kind() == Ddl.ConstraintKind.FOREIGN_KEY) {
            return Level.SHARE_ROW_EXCLUSIVE;
        }
        if (action instanceof Ddl.DetachPartition d && d.option().isPresent()) {
            return Level.SHARE_UPDATE_EXCLUSIVE;
        }
        if (action instanceof Ddl.AttachPartition) {
            return Level.SHARE_UPDATE_EXCLUSIVE;
        }
        if (action instanceof Ddl.OtherAction o) {
            String op = o.operation();
            if (op.startsWith("SET STATISTICS") || op.equals("SET OPTIONS") || op.equals("RESET OPTIONS")
                    || op.equals("CLUSTER ON") || op.equals("SET WITHOUT CLUSTER")) {
                return Level.SHARE_UPDATE_EXCLUSIVE;
            }
            if (op.contains("TRIGGER")) {
                return Level.SHARE_ROW_EXCLUSIVE;
            }
        }
        return Level.ACCESS_EXCLUSIVE;
    }
}
