/** A fluent populator that plants schemas, data and problems on a real database for tests. */
package io.dbopt.testkit.populate;
