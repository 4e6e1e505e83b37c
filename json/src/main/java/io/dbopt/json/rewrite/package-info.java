/** The JSON path rewrites as token-level edits, MariaDB's generated columns, and comparing results on real rows. */
package io.dbopt.json.rewrite;
