/**
 * Statement analysis for the isolation advisor: what a statement reads, writes and locks.
 */
package io.dbopt.transaction.isolation;
