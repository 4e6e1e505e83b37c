/**
 * What-if costing: the estimated cost of workload statements with candidate indexes added or existing ones hidden,
 * through HypoPG, a transactional trial, or (MariaDB) row estimates and index hints.
 */
package io.dbopt.index.whatif;
