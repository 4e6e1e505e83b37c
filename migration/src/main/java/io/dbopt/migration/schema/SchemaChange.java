package io.dbopt.migration.schema;

/**
 * One difference between two schema snapshots, from the point of view of turning the first into the second.
 */
public sealed interface SchemaChange {

    /** A one-line description, e.g. {@code column orders.status added}. */
    String describe();

    /** The table the change is about, or the view or sequence name. */
    String objectName();

    /** A table exists only in the target. */
    record TableAdded(TableSchema table) implements SchemaChange {
        @Override
        public String describe() {
            return "table " + table.name() + " added";
        }

        @Override
        public String objectName() {
            return table.name();
        }
    }

    /** A table exists only in the source. */
    record TableRemoved(TableSchema table) implements SchemaChange {
        @Override
        public String describe() {
            return "table " + table.name() + " removed";
        }

        @Override
        public String objectName() {
            return table.name();
        }
    }

    /** A column exists only in the target. */
    record ColumnAdded(String table, ColumnSchema column) implements SchemaChange {
        @Override
        public String describe() {
            return "column " + table + "." + column.name() + " added (" + column.type() + ")";
        }

        @Override
        public String objectName() {
            return table;
        }
    }

    /** A column exists only in the source. */
    record ColumnRemoved(String table, ColumnSchema column) implements SchemaChange {
        @Override
        public String describe() {
            return "column " + table + "." + column.name() + " removed";
        }

        @Override
        public String objectName() {
            return table;
        }
    }

    /** A column's type, nullability, default or generation differs. */
    record ColumnChanged(String table, ColumnSchema before, ColumnSchema after) implements SchemaChange {
        @Override
        public String describe() {
            StringBuilder sb = new StringBuilder("column " + table + "." + after.name() + " changed:");
            if (!before.type().equals(after.type())) {
                sb.append(" type ").append(before.type()).append(" -> ").append(after.type());
            }
            if (before.nullable() != after.nullable()) {
                sb.append(after.nullable() ? " now nullable" : " now NOT NULL");
            }
            if (!before.defaultExpression().equals(after.defaultExpression())) {
                sb.append(" default ").append(before.defaultExpression().orElse("none")).append(" -> ")
                        .append(after.defaultExpression().orElse("none"));
            }
            if (before.generation() != after.generation()) {
                sb.append(" generation ").append(before.generation()).append(" -> ").append(after.generation());
            }
            return sb.toString();
        }

        @Override
        public String objectName() {
            return table;
        }
    }

    /** An index exists only in the target (or differs, in which case it is also {@link IndexRemoved}). */
    record IndexAdded(String table, IndexSchema index) implements SchemaChange {
        @Override
        public String describe() {
            return "index " + index.name() + " on " + table + " added" + (index.valid() ? "" : " (INVALID)");
        }

        @Override
        public String objectName() {
            return table;
        }
    }

    /** An index exists only in the source. */
    record IndexRemoved(String table, IndexSchema index) implements SchemaChange {
        @Override
        public String describe() {
            return "index " + index.name() + " on " + table + " removed";
        }

        @Override
        public String objectName() {
            return table;
        }
    }

    /** A constraint exists only in the target. */
    record ConstraintAdded(String table, ConstraintSchema constraint) implements SchemaChange {
        @Override
        public String describe() {
            return constraint.type().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + " "
                    + constraint.name() + " on " + table + " added";
        }

        @Override
        public String objectName() {
            return table;
        }
    }

    /** A constraint exists only in the source. */
    record ConstraintRemoved(String table, ConstraintSchema constraint) implements SchemaChange {
        @Override
        public String describe() {
            return constraint.type().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + " "
                    + constraint.name() + " on " + table + " removed";
        }

        @Override
        public String objectName() {
            return table;
        }
    }

    /** A view exists only in the target, or its definition differs. */
    record ViewAdded(ViewSchema view) implements SchemaChange {
        @Override
        public String describe() {
            return "view " + view.name() + " added";
        }

        @Override
        public String objectName() {
            return view.name();
        }
    }

    /** A view exists only in the source, or its definition differs. */
    record ViewRemoved(ViewSchema view) implements SchemaChange {
        @Override
        public String describe() {
            return "view " + view.name() + " removed";
        }

        @Override
        public String objectName() {
            return view.name();
        }
    }

    /** A sequence exists only in the target. */
    record SequenceAdded(String sequence) implements SchemaChange {
        @Override
        public String describe() {
            return "sequence " + sequence + " added";
        }

        @Override
        public String objectName() {
            return sequence;
        }
    }

    /** A sequence exists only in the source. */
    record SequenceRemoved(String sequence) implements SchemaChange {
        @Override
        public String describe() {
            return "sequence " + sequence + " removed";
        }

        @Override
        public String objectName() {
            return sequence;
        }
    }
}
