/**
 * Micrometer binders for the profiler and the cache. Micrometer is optional: these classes are loaded only when the
 * application uses them.
 */
package io.dbopt.query.metrics;
