/**
 * Meters and health of a transaction manager: outcome counts recorded through core's metrics facade, and the
 * health judgement over them.
 */
package io.dbopt.transaction.monitor;
