/** The doctor's "Documents and JSON" section. */
package io.dbopt.json.doctor;
