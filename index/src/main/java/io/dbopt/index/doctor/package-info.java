/**
 * The doctor's Indexes section ({@link io.dbopt.index.doctor.IndexDoctorSection}), found by
 * {@link java.util.ServiceLoader} through {@code META-INF/services/io.dbopt.core.doctor.DoctorSection}.
 */
package io.dbopt.index.doctor;
