/** Typed configuration from maps, properties and the environment: {@link io.dbopt.core.config.Settings}. */
package io.dbopt.core.config;
