/**
 * Spring Boot actuator integration: the {@code dbopt} health indicator backed by the health monitor, and the
 * {@code dbopt} endpoint serving the doctor's report.
 */
package io.dbopt.spring.actuate;
