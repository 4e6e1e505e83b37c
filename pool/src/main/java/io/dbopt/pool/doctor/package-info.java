/**
 * The doctor's "Connection pool" section ({@link io.dbopt.pool.doctor.PoolDoctorSection}, found by
 * {@link java.util.ServiceLoader}): sessions by application, the sizing rule, the cluster budget, and the findings of
 * an attached pool.
 */
package io.dbopt.pool.doctor;
