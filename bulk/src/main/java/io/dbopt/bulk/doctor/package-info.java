/** The doctor's "Bulk operations" section ({@link io.dbopt.bulk.doctor.BulkDoctorSection}). */
package io.dbopt.bulk.doctor;
