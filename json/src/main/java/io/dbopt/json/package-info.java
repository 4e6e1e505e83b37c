/** dbopt-json (being built; see docs/json.md when it lands). */
package io.dbopt.json;
