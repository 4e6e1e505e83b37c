/**
 * dbopt's foundation: server detection ({@link io.dbopt.core.DatabaseInfo#detect(javax.sql.DataSource)}), dialects
 * with capability checks and identifier quoting ({@link io.dbopt.core.Dialect}), SQL error classification
 * ({@link io.dbopt.core.SqlErrors}), the exception type ({@link io.dbopt.core.DbOptException}) and redaction of
 * secrets ({@link io.dbopt.core.Redaction}).
 */
package io.dbopt.core;
