/**
 * Plug-in points of the index advisor. A {@link io.dbopt.index.spi.CandidateSource}, found with
 * {@link java.util.ServiceLoader}, adds index candidates that the advisor's own generator does not know (JSON path
 * expressions, for example), each costed by the same what-if engine and selected against every other candidate, so
 * that all index advice comes out of one recommender.
 */
package io.dbopt.index.spi;
