/** The doctor's "Health" section ({@link io.dbopt.health.doctor.HealthDoctorSection}), found by ServiceLoader. */
package io.dbopt.health.doctor;
