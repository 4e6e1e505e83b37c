/**
 * The doctor's "Queries" section ({@link io.dbopt.query.doctor.QueryDoctorSection}, found by
 * {@link java.util.ServiceLoader}) and the report behind it and {@link io.dbopt.query.QueryOptimizer#report()}
 * ({@link io.dbopt.query.doctor.QueryReport}).
 */
package io.dbopt.query.doctor;
