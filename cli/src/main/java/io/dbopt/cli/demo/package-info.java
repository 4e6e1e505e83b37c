/**
 * The demo application the doctor examines when no URL is given: the seed's portal schema on an embedded
 * PostgreSQL, loaded with realistic volumes and planted problems, and a short workload with the seed's N+1 and
 * OFFSET patterns.
 */
package io.dbopt.cli.demo;
