/**
 * The one configuration of every dbopt module: {@link io.dbopt.core.config.DbOptConfig} read from maps, properties,
 * files and {@code DBOPT_*} environment variables, typed by the {@link io.dbopt.core.config.ConfigKey}s each module
 * declares in its {@link io.dbopt.core.config.ConfigSchema}.
 */
package io.dbopt.core.config;
