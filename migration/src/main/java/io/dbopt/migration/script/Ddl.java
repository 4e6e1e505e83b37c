package io.dbopt.migration.script;

import java.util.List;
import java.util.Optional;

/**
 * What a statement does, reduced to the facts the lint rules and the undo generator need. Built by
 * {@link StatementParser} from JSqlParser's tree; names are unquoted and case-folded the way the server stores them.
 */
sealed interface Ddl {

    /** A table name, optionally schema-qualified; {@code quoted} tells whether the source quoted it. */
    record Name(Optional<String> schema, String name, boolean quoted) {
        @Override
        public String toString() {
            return schema.map(s -> s + ".").orElse("") + name;
        }
    }

    /** A column definition in CREATE TABLE or ADD COLUMN. */
    record ColumnSpec(String name, String type, List<String> typeArgs, boolean notNull, Optional<String> defaultExpr,
                      boolean primaryKey, boolean unique, boolean autoIncrement, boolean identity,
                      Optional<Name> references, List<String> referencedColumns) {
        public ColumnSpec {
            typeArgs = List.copyOf(typeArgs);
            referencedColumns = List.copyOf(referencedColumns);
        }

        /** The type as written, lower case, with its arguments: {@code varchar(20)}. */
        String fullType() {
            return typeArgs.isEmpty() ? type : type + "(" + String.join(",", typeArgs) + ")";
        }
    }

    /** Constraint kinds. */
    enum ConstraintKind { PRIMARY_KEY, UNIQUE, FOREIGN_KEY, CHECK }

    /** A table constraint. */
    record ConstraintSpec(ConstraintKind kind, Optional<String> name, List<String> columns, Optional<Name> refTable,
                          List<String> refColumns, Optional<String> usingIndex) {
        public ConstraintSpec {
            columns = List.copyOf(columns);
            refColumns = List.copyOf(refColumns);
        }
    }

    /** An index declared inside CREATE TABLE or ALTER TABLE ADD INDEX (MariaDB). */
    record IndexSpec(Optional<String> name, List<String> columns, boolean unique) {
        public IndexSpec {
            columns = List.copyOf(columns);
        }
    }

    /** CREATE TABLE. */
    record CreateTable(Name table, List<ColumnSpec> columns, List<ConstraintSpec> constraints, List<IndexSpec> indexes,
                       boolean ifNotExists) implements Ddl {
        public CreateTable {
            columns = List.copyOf(columns);
            constraints = List.copyOf(constraints);
            indexes = List.copyOf(indexes);
        }
    }

    /** CREATE INDEX. */
    record CreateIndex(String name, Name table, List<String> columns, boolean unique, boolean concurrently,
                       boolean ifNotExists, boolean partial, Optional<String> algorithm, Optional<String> lock)
            implements Ddl {
        public CreateIndex {
            columns = List.copyOf(columns);
        }
    }

    /** ALTER TABLE with its actions. */
    record AlterTable(Name table, List<Action> actions, Optional<String> algorithm, Optional<String> lock)
            implements Ddl {
        public AlterTable {
            actions = List.copyOf(actions);
        }
    }

    /** Kinds of object a DROP names. */
    enum ObjectKind { TABLE, INDEX, VIEW, SEQUENCE, OTHER }

    /** DROP TABLE / INDEX / VIEW / SEQUENCE. */
    record Drop(ObjectKind kind, Name name, boolean ifExists, boolean concurrently, Optional<Name> onTable)
            implements Ddl {
    }

    /** RENAME TABLE a TO b (MariaDB), one pair per entry. */
    record RenameTables(List<Name> from, List<Name> to) implements Ddl {
        public RenameTables {
            from = List.copyOf(from);
            to = List.copyOf(to);
        }
    }

    /** CREATE [OR REPLACE] VIEW. */
    record CreateView(Name view, boolean orReplace) implements Ddl {
    }

    /** CREATE SEQUENCE. */
    record CreateSequence(Name sequence) implements Ddl {
    }

    /** SET [SESSION | LOCAL] name = value[, name = value]: the settings' names in lower case. */
    record SetSetting(List<String> names, boolean local) implements Ddl {
        public SetSetting {
            names = List.copyOf(names);
        }
    }

    /** BEGIN / START TRANSACTION / COMMIT / ROLLBACK. */
    record TransactionControl(boolean begin) implements Ddl {
    }

    /** INSERT / UPDATE / DELETE / MERGE / TRUNCATE on a table. */
    record DataChange(String verb, Optional<Name> table) implements Ddl {
    }

    /** A statement that parsed but that no rule looks into (SELECT, COMMENT, GRANT...). */
    record Other(String keyword) implements Ddl {
    }

    /** A statement JSqlParser could not parse: reported as "not analysed". */
    record NotAnalysed(String reason) implements Ddl {
    }

    /** One action of ALTER TABLE. */
    sealed interface Action {
    }

    /** ADD COLUMN. */
    record AddColumn(ColumnSpec column, boolean ifNotExists) implements Action {
    }

    /** DROP COLUMN. */
    record DropColumn(String column) implements Action {
    }

    /** ALTER COLUMN ... TYPE (PostgreSQL). */
    record AlterColumnType(String column, String newType) implements Action {
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

    /** ADD [CONSTRAINT name] PRIMARY KEY / UNIQUE / FOREIGN KEY / CHECK. */
    record AddConstraint(ConstraintSpec constraint, boolean notValid) implements Action {
    }

    /** DROP CONSTRAINT / DROP FOREIGN KEY. */
    record DropConstraint(String name, boolean foreignKey) implements Action {
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

    /** Any other action, named by its operation. */
    record OtherAction(String operation) implements Action {
    }
}
