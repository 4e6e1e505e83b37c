/**
 * The index module's analysis engine behind {@link io.dbopt.index.IndexManager}: sessions over one borrowed connection
 * and the catalog they read, the recommendation run (candidates, what-if costing, selection), pattern advice, the
 * workload read from statement statistics, online index DDL, the health check and the meters. Types here are public
 * only where the API package needs them; they are not meant for users and may change between releases.
 */
package io.dbopt.index.analysis;
