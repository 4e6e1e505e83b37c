/** JDBC helpers that bind every value and close every resource, and the loader of per-dialect SQL resources. */
package io.dbopt.core.jdbc;
