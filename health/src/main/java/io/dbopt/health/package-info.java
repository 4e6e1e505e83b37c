/** dbopt-health (being built; see docs/health.md when it lands). */
package io.dbopt.health;
