/**
 * What the catalog and sampled rows say about JSON and document columns, and the advice built on it: index candidates,
 * the findings about JSON predicates, compression and full-copy histories, and the candidate source for dbopt-index.
 */
package io.dbopt.json.advice;
