package io.dbopt.spring;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;

/** The smallest Boot application: a data source from {@code spring.datasource.*}, the starter, the actuator. */
@SpringBootConfiguration
@EnableAutoConfiguration
public class StarterApplication {
}
