/**
 * SQL text as tokens: one quote-, comment- and dollar-quote-aware tokenizer for PostgreSQL and MariaDB
 * ({@link io.dbopt.core.sql.SqlLexer}) under the lexical rules of a server ({@link io.dbopt.core.sql.SqlSyntax}),
 * and what several modules build on it, such as masking literal values before SQL reaches a log or a report
 * ({@link io.dbopt.core.sql.SqlLiterals}).
 *
 * <p>Nothing here parses SQL: statements are read with JSqlParser where structure matters. The tokenizer is for
 * the questions a parser answers badly or slowly: where a statement ends, which {@code ?} are placeholders, what
 * is a literal, where a comment sits and on which line.
 */
package io.dbopt.core.sql;
