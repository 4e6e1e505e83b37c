/** dbopt-bulk (being built; see docs/bulk.md when it lands). */
package io.dbopt.bulk;
