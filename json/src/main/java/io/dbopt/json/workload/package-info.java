/** Reading the JSON predicates of SQL statements (operators, paths, casts, constants) with JSqlParser. */
package io.dbopt.json.workload;
