/**
 * Deadlock capture: parsers of the servers' deadlock reports and the table captured deadlocks are written to.
 */
package io.dbopt.transaction.deadlock;
