/** Resumable jobs over a table in key order, one transaction per chunk, with a checkpoint table. */
package io.dbopt.json.chunk;
