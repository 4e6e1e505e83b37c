/**
 * The order of migrations across sets: the requirement graph, cycle detection, the topological sort that breaks ties
 * by registration order, and the compilation of that order into the plan's steps.
 */
package io.dbopt.migration.dependency;
