package io.dbopt.migration.script;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What a statement does, reduced to the facts the lint rules and the undo generator need. Built by
 * {@link StatementParser}; names are unquoted and case-folded the way the server stores them. Every statement of a
 * script becomes exactly one {@code Ddl}: a specific record when a rule or the undo generator looks into it,
 * {@link Other} (with its command, e.g. {@code CREATE EXTENSION}) when none does, {@link SyntaxError} when the text is
 * not valid SQL, and {@link NotAnalysed} only where neither the reader nor JSqlParser could tell. Immutable.
 */
public sealed interface Ddl {

    /** The command in upper case, e.g. {@code CREATE TABLE}, {@code ALTER TYPE}, {@code SELECT}. */
    String command();

    /** A table (or other object) name, optionally schema-qualified; {@code quoted} tells whether the source quoted it. */
    record Name(Optional<String> schema, String name, boolean quoted) {
        /** An unqualified, unquoted name. */
        public static Name of(String name) {
            return new Name(Optional.empty(), name, false);
        }

        @Override
        public String toString() {
            return schema.map(s -> s + ".").orElse("") + name;
        }
    }

    /**
     * A type as written in a column definition or {@code ALTER COLUMN ... TYPE}.
     *
     * @param name the base name in lower case without arguments or array brackets, {@code pg_catalog.} dropped and
     *     multi-word names joined by one space ({@code character varying}, {@code timestamp with time zone}); a
     *     quoted name keeps its case, and PostgreSQL's one-byte {@code "char"} keeps its quotes
     * @param args the arguments ({@code 20} of {@code varchar(20)}), as written
     * @param arrayDims how many array dimensions ({@code int[]} has one)
     * @param sql the type exactly as written, for fixes
     */
    record TypeRef(String name, List<String> args, int arrayDims, String sql) {
        /** Copies. */
        public TypeRef {
            args = List.copyOf(args);
        }

        /** A type known only by its text, e.g. from JSqlParser. */
        static TypeRef of(String name, List<String> args) {
            String full = args.isEmpty() ? name : name + "(" + String.join(",", args) + ")";
            return new TypeRef(name, args, 0, full);
        }

        /** The name with its arguments, {@code varchar(20)}, and {@code []} per array dimension. */
        public String full() {
            return (args.isEmpty() ? name : name + "(" + String.join(",", args) + ")") + "[]".repeat(arrayDims);
        }
    }

    /** How a generated column is computed. */
    enum Generation { NONE, STORED, VIRTUAL }

    /**
     * A column definition in CREATE TABLE or ADD COLUMN.
     *
     * @param generatedExpr the expression of {@code GENERATED ALWAYS AS (expr)}, with {@code generation} STORED or
     *     VIRTUAL; {@code identity} is separate ({@code GENERATED ... AS IDENTITY})
     * @param checkExpr an inline {@code CHECK (expr)}, without the parentheses
     * @param deferrable whether an inline constraint is {@code DEFERRABLE}
     * @param offset where the definition starts in the statement text
     */
    record ColumnSpec(String name, String type, List<String> typeArgs, boolean notNull, Optional<String> defaultExpr,
                      boolean primaryKey, boolean unique, boolean autoIncrement, boolean identity,
                      Optional<Name> references, List<String> referencedColumns, TypeRef typeRef,
                      Generation generation, Optional<String> generatedExpr, Optional<String> checkExpr,
                      boolean deferrable, int offset) {
        /** Copies. */
        public ColumnSpec {
            typeArgs = List.copyOf(typeArgs);
            referencedColumns = List.copyOf(referencedColumns);
        }

        /** The type as written, lower case, with its arguments: {@code varchar(20)}. */
        public String fullType() {
            return typeArgs.isEmpty() ? type : type + "(" + String.join(",", typeArgs) + ")";
        }
    }

    /** Constraint kinds. */
    enum ConstraintKind { PRIMARY_KEY, UNIQUE, FOREIGN_KEY, CHECK, EXCLUDE }

    /**
     * A table constraint.
     *
     * @param expression a CHECK constraint's expression without the outer parentheses, empty otherwise
     * @param notValid whether {@code NOT VALID} was written
     */
    record ConstraintSpec(ConstraintKind kind, Optional<String> name, List<String> columns, Optional<Name> refTable,
                          List<String> refColumns, Optional<String> usingIndex, Optional<String> expression,
                          boolean notValid, boolean deferrable) {
        /** Copies. */
        public ConstraintSpec {
            columns = List.copyOf(columns);
            refColumns = List.copyOf(refColumns);
        }

        /** A constraint without expression, validity or deferral facts (JSqlParser's view). */
        static ConstraintSpec of(ConstraintKind kind, Optional<String> name, List<String> columns,
                                 Optional<Name> refTable, List<String> refColumns, Optional<String> usingIndex) {
            return new ConstraintSpec(kind, name, columns, refTable, refColumns, usingIndex, Optional.empty(), false,
                    false);
        }
    }

    /** An index declared inside CREATE TABLE or ALTER TABLE ADD INDEX (MariaDB). */
    record IndexSpec(Optional<String> name, List<String> columns, boolean unique) {
        /** Copies. */
        public IndexSpec {
            columns = List.copyOf(columns);
        }
    }

    /**
     * CREATE TABLE.
     *
     * @param temporary whether {@code TEMP}/{@code TEMPORARY}
     * @param onCommitDrop whether {@code ON COMMIT DROP}
     * @param asQuery whether {@code CREATE TABLE ... AS query} (columns then come from the query)
     * @param partitionOf the parent of {@code CREATE TABLE ... PARTITION OF parent}
     */
    record CreateTable(Name table, List<ColumnSpec> columns, List<ConstraintSpec> constraints, List<IndexSpec> indexes,
                       boolean ifNotExists, boolean temporary, boolean onCommitDrop, boolean asQuery,
                       Optional<Name> partitionOf) implements Ddl {
        /** Copies. */
        public CreateTable {
            columns = List.copyOf(columns);
            constraints = List.copyOf(constraints);
            indexes = List.copyOf(indexes);
        }

        @Override
        public String command() {
            return "CREATE TABLE";
        }
    }

    /**
     * CREATE INDEX.
     *
     * @param name the index name; for an unnamed PostgreSQL index the name the server chooses
     *     ({@code <table>_<columns>_idx}), with {@code named} false
     * @param columns the key columns; an expression key appears as its text in parentheses
     * @param method the access method of {@code USING}, lower case, {@code btree} when not written
     */
    record CreateIndex(String name, Name table, List<String> columns, boolean unique, boolean concurrently,
                       boolean ifNotExists, boolean partial, Optional<String> algorithm, Optional<String> lock,
                       boolean named, String method) implements Ddl {
        /** Copies. */
        public CreateIndex {
            columns = List.copyOf(columns);
        }

        @Override
        public String command() {
            return "CREATE INDEX";
        }
    }

    /** ALTER TABLE with its actions; {@code actionOffsets} holds where each action starts in the statement. */
    record AlterTable(Name table, List<Action> actions, Optional<String> algorithm, Optional<String> lock,
                      boolean ifExists, List<Integer> actionOffsets) implements Ddl {
        /** Copies; offsets default to the statement start. */
        public AlterTable {
            actions = List.copyOf(actions);
            actionOffsets = actionOffsets.size() == actions.size() ? List.copyOf(actionOffsets)
                    : actions.stream().map(a -> 0).toList();
        }

        @Override
        public String command() {
            return "ALTER TABLE";
        }

        /** Where the action at {@code index} starts in the statement text. */
        public int offsetOf(int index) {
            return actionOffsets.get(index);
        }
    }

    /** Kinds of object a DROP names. */
    enum ObjectKind { TABLE, INDEX, VIEW, SEQUENCE, MATERIALIZED_VIEW, TYPE, DOMAIN, SCHEMA, DATABASE, TRIGGER, OTHER }

    /**
     * DROP of one or more objects of one kind.
     *
     * @param name the first object named
     * @param names every object named, in order
     * @param cascade whether {@code CASCADE}
     * @param objectType the object type as written, upper case ({@code FUNCTION}, {@code MATERIALIZED VIEW})
     */
    record Drop(ObjectKind kind, Name name, boolean ifExists, boolean concurrently, Optional<Name> onTable,
                List<Name> names, boolean cascade, String objectType) implements Ddl {
        /** Copies. */
        public Drop {
            names = names.isEmpty() ? List.of(name) : List.copyOf(names);
        }

        @Override
        public String command() {
            return "DROP " + objectType;
        }
    }

    /** RENAME TABLE a TO b (MariaDB), one pair per entry. */
    record RenameTables(List<Name> from, List<Name> to) implements Ddl {
        /** Copies. */
        public RenameTables {
            from = List.copyOf(from);
            to = List.copyOf(to);
        }

        @Override
        public String command() {
            return "RENAME TABLE";
        }
    }

    /** CREATE [OR REPLACE] VIEW; {@code columns} are the names of its column list, when written. */
    record CreateView(Name view, boolean orReplace, List<String> columns) implements Ddl {
        /** Copies. */
        public CreateView {
            columns = List.copyOf(columns);
        }

        @Override
        public String command() {
            return "CREATE VIEW";
        }
    }

    /** CREATE SEQUENCE. */
    record CreateSequence(Name sequence, boolean ifNotExists) implements Ddl {
        @Override
        public String command() {
            return "CREATE SEQUENCE";
        }
    }

    /** SET [SESSION | LOCAL] name = value[, name = value]: the settings' names in lower case. */
    record SetSetting(List<String> names, boolean local) implements Ddl {
        /** Copies. */
        public SetSetting {
            names = List.copyOf(names);
        }

        @Override
        public String command() {
            return "SET";
        }
    }

    /** BEGIN / START TRANSACTION ({@code begin}) or COMMIT / END / ROLLBACK / ABORT. */
    record TransactionControl(boolean begin) implements Ddl {
        @Override
        public String command() {
            return begin ? "BEGIN" : "COMMIT";
        }
    }

    /**
     * INSERT / UPDATE / DELETE / MERGE / TRUNCATE / COPY on a table.
     *
     * @param table the table whose rows change, when it is one table that kept rows can restore (a TRUNCATE with
     *     CASCADE or of several tables has none)
     * @param tables every table named
     * @param cascade whether TRUNCATE ... CASCADE
     * @param assignedColumns the columns an UPDATE's SET or an INSERT's column list names, in order, repeats kept
     */
    record DataChange(String verb, Optional<Name> table, List<Name> tables, boolean cascade,
                      List<String> assignedColumns) implements Ddl {
        /** Copies. */
        public DataChange {
            tables = List.copyOf(tables);
            assignedColumns = List.copyOf(assignedColumns);
        }

        /** A change known by its verb and table only. */
        static DataChange of(String verb, Optional<Name> table) {
            return new DataChange(verb, table, table.map(List::of).orElse(List.of()), false, List.of());
        }

        @Override
        public String command() {
            return verb;
        }
    }

    /** REINDEX {@code target} ({@code INDEX}, {@code TABLE}, {@code SCHEMA}, {@code DATABASE}, {@code SYSTEM}). */
    record Reindex(String target, Optional<Name> name, boolean concurrently) implements Ddl {
        @Override
        public String command() {
            return "REINDEX";
        }
    }

    /** VACUUM; {@code tables} empty means the whole database. */
    record Vacuum(boolean full, List<Name> tables) implements Ddl {
        /** Copies. */
        public Vacuum {
            tables = List.copyOf(tables);
        }

        @Override
        public String command() {
            return "VACUUM";
        }
    }

    /** CLUSTER; no table means every previously clustered table. */
    record Cluster(Optional<Name> table, Optional<String> index) implements Ddl {
        @Override
        public String command() {
            return "CLUSTER";
        }
    }

    /** LOCK TABLE ... IN {@code mode} MODE (upper case, {@code ACCESS EXCLUSIVE} when not written). */
    record Lock(List<Name> tables, String mode) implements Ddl {
        /** Copies. */
        public Lock {
            tables = List.copyOf(tables);
        }

        @Override
        public String command() {
            return "LOCK";
        }
    }

    /** REFRESH MATERIALIZED VIEW [CONCURRENTLY]. */
    record Refresh(Name view, boolean concurrently) implements Ddl {
        @Override
        public String command() {
            return "REFRESH MATERIALIZED VIEW";
        }
    }

    /** CREATE [CONSTRAINT] TRIGGER ... ON table. */
    record CreateTrigger(String trigger, Name table) implements Ddl {
        @Override
        public String command() {
            return "CREATE TRIGGER";
        }
    }

    /** CREATE TYPE; {@code variant} is {@code ENUM}, {@code COMPOSITE}, {@code RANGE}, {@code BASE} or {@code SHELL}. */
    record CreateType(Name type, String variant, List<String> enumValues) implements Ddl {
        /** Copies. */
        public CreateType {
            enumValues = List.copyOf(enumValues);
        }

        @Override
        public String command() {
            return "CREATE TYPE";
        }
    }

    /**
     * ALTER TYPE.
     *
     * @param operation the operation in upper case: {@code ADD VALUE}, {@code RENAME VALUE}, {@code RENAME TO},
     *     {@code ADD ATTRIBUTE}, {@code OWNER TO}, ...
     * @param value the value added or renamed
     * @param position for ADD VALUE, {@code BEFORE 'x'} / {@code AFTER 'x'} as written
     * @param newValue for RENAME VALUE, the new value
     */
    record AlterType(Name type, String operation, Optional<String> value, Optional<String> position,
                     Optional<String> newValue, boolean ifNotExists) implements Ddl {
        @Override
        public String command() {
            return "ALTER TYPE";
        }
    }

    /** CREATE DOMAIN; {@code constraints} counts its {@code CHECK} / {@code NOT NULL} constraints. */
    record CreateDomain(Name domain, TypeRef type, int constraints) implements Ddl {
        @Override
        public String command() {
            return "CREATE DOMAIN";
        }
    }

    /** ALTER DOMAIN with its operation in upper case ({@code ADD CONSTRAINT}, {@code SET NOT NULL}, ...). */
    record AlterDomain(Name domain, String operation, boolean notValid) implements Ddl {
        @Override
        public String command() {
            return "ALTER DOMAIN";
        }
    }

    /** ALTER SCHEMA a RENAME TO b. */
    record RenameSchema(String from, String to) implements Ddl {
        @Override
        public String command() {
            return "ALTER SCHEMA";
        }
    }

    /** A statement no rule looks into (SELECT, COMMENT, GRANT, CREATE EXTENSION...), by its kind. */
    record Other(String keyword) implements Ddl {
        @Override
        public String command() {
            return keyword;
        }
    }

    /**
     * A statement that is not valid SQL for the dialect.
     *
     * @param message what was expected and what was found
     * @param offset where in the statement text the reader gave up
     */
    record SyntaxError(String message, int offset) implements Ddl {
        @Override
        public String command() {
            return "SYNTAX ERROR";
        }
    }

    /** A statement that could not be read, with the reason: reported as "not analysed". */
    record NotAnalysed(String reason) implements Ddl {
        @Override
        public String command() {
            return "NOT ANALYSED";
        }
    }

    /** One action of ALTER TABLE. */
    sealed interface Action {
        /** The action for messages, e.g. {@code ADD COLUMN}. */
        default String describe() {
            return getClass().getSimpleName().replaceAll("([a-z])([A-Z])", "$1 $2").toUpperCase(Locale.ROOT);
        }
    }

    /** ADD COLUMN. */
    record AddColumn(ColumnSpec column, boolean ifNotExists) implements Action {
    }

    /** DROP COLUMN. */
    record DropColumn(String column, boolean ifExists) implements Action {
        /** A DROP COLUMN without IF EXISTS. */
        public DropColumn(String column) {
            this(column, false);
        }
    }

    /** ALTER COLUMN ... TYPE; {@code typeRef} is the new type, {@code using} the USING expression. */
    record AlterColumnType(String column, String newType, TypeRef typeRef, Optional<String> using) implements Action {
        /** A type change known by its text only. */
        public AlterColumnType(String column, String newType) {
            this(column, newType, TypeRef.of(newType, List.of()), Optional.empty());
        }
    }

    /** ALTER COLUMN ... SET NOT NULL. */
    record SetNotNull(String column) implements Action {
    }

    /** ALTER COLUMN ... DROP NOT NULL. */
    record DropNotNull(String column) implements Action {
    }

    /** ALTER COLUMN ... SET DEFAULT. */
    record SetDefault(String column, String expression) implements Action {
    }

    /** ALTER COLUMN ... DROP DEFAULT. */
    record DropDefault(String column) implements Action {
    }

    /** MODIFY [COLUMN] (MariaDB): redefine a column. */
    record ModifyColumn(ColumnSpec column) implements Action {
    }

    /** CHANGE [COLUMN] old new-definition (MariaDB): rename and redefine. */
    record ChangeColumn(String oldName, ColumnSpec column) implements Action {
    }

    /** ADD [CONSTRAINT name] PRIMARY KEY / UNIQUE / FOREIGN KEY / CHECK / EXCLUDE. */
    record AddConstraint(ConstraintSpec constraint, boolean notValid) implements Action {
    }

    /** DROP CONSTRAINT / DROP FOREIGN KEY. */
    record DropConstraint(String name, boolean foreignKey, boolean ifExists) implements Action {
        /** A DROP CONSTRAINT without IF EXISTS. */
        public DropConstraint(String name, boolean foreignKey) {
            this(name, foreignKey, false);
        }
    }

    /** DROP PRIMARY KEY (MariaDB). */
    record DropPrimaryKey() implements Action {
    }

    /** VALIDATE CONSTRAINT (PostgreSQL). */
    record ValidateConstraint(String name) implements Action {
    }

    /** ADD INDEX / KEY (MariaDB). */
    record AddIndex(IndexSpec index) implements Action {
    }

    /** DROP INDEX / KEY (MariaDB). */
    record DropIndex(String name) implements Action {
    }

    /** RENAME COLUMN a TO b. */
    record RenameColumn(String from, String to) implements Action {
    }

    /** RENAME TO b. */
    record RenameTable(Name to) implements Action {
    }

    /** CONVERT TO CHARACTER SET (MariaDB): rewrites every text column. */
    record ConvertCharset(String charset) implements Action {
    }

    /** DETACH PARTITION; {@code option} is {@code CONCURRENTLY}, {@code FINALIZE} or empty. */
    record DetachPartition(Name partition, Optional<String> option) implements Action {
    }

    /** ATTACH PARTITION. */
    record AttachPartition(Name partition) implements Action {
    }

    /**
     * Any other action, named by its operation in upper case ({@code ENABLE ROW LEVEL SECURITY},
     * {@code SET STATISTICS}, {@code OWNER TO}).
     */
    record OtherAction(String operation) implements Action {
        @Override
        public String describe() {
            return operation;
        }
    }
}
