/** Column types, instants and idempotent creation of the tables dbopt-json keeps for itself. */
package io.dbopt.json.storage;
