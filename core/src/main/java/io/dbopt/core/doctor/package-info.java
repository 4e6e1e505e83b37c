/**
 * The doctor: {@link io.dbopt.core.doctor.Doctor} runs every {@link io.dbopt.core.doctor.DoctorSection} that
 * modules contribute through {@link java.util.ServiceLoader}, starting with core's
 * {@link io.dbopt.core.doctor.ServerSection}.
 */
package io.dbopt.core.doctor;
