package io.dbopt.core.config;

import java.util.List;

/**
 * The settings one dbopt module reads from {@link DbOptConfig}: found with {@link java.util.ServiceLoader}
 * ({@code META-INF/services/io.dbopt.core.config.ConfigSchema}), so that a configuration is checked against every
 * module on the class path when it is built, and {@code docs/configuration.md} can list every key.
 *
 * <p>An implementation is a public class with a public no-argument constructor that returns its module's
 * {@link ConfigKey} constants; it holds no state.
 */
public interface ConfigSchema {

    /** The module that reads these keys, as users add it: {@code dbopt-pool}. */
    String module();

    /** The sections this module owns ({@code pool}); every key's name starts with one of them. */
    List<String> sections();

    /** Every key of the module, in the order documentation lists them. */
    List<ConfigKey<?>> keys();
}
