/**
 * Reading a workload's SQL: which tables each statement touches and which columns it filters, joins, sorts and
 * groups on ({@link io.dbopt.index.workload.QueryShape}), parsed with JSqlParser; and the placeholder handling that
 * makes statement-statistics texts ({@code $1}, {@code ?}) explainable ({@link io.dbopt.index.workload.Placeholders}).
 */
package io.dbopt.index.workload;
