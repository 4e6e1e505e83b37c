/** The doctor's "Migrations" section: {@link io.dbopt.migration.doctor.MigrationSection}. */
package io.dbopt.migration.doctor;
