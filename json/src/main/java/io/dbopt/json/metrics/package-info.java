/** The meters of a dbopt-json component and the totals behind its metrics snapshot. */
package io.dbopt.json.metrics;
