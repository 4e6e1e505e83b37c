/**
 * The JDBC wrappers of the transaction module, built on core's forwarding layer ({@code io.dbopt.core.jdbc}): the
 * guarded connection a transaction's work sees, the statements that report what runs to the attempt, and the
 * recording data source of the isolation advisor. They add behaviour only; delegation is core's.
 */
package io.dbopt.transaction.jdbc;
