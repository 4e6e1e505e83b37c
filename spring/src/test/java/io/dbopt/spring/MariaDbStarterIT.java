package io.dbopt.spring;

import io.dbopt.testkit.TestDialect;
import org.junit.jupiter.api.condition.EnabledIf;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The starter's whole path on MariaDB. */
@SpringBootTest(classes = {StarterApplication.class, StarterPathIT.Cleanup.class})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@EnabledIf("enabled")
class MariaDbStarterIT extends StarterPathIT {

    static boolean enabled() {
        return TestDialect.enabled().contains(TestDialect.MARIADB);
    }

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        properties(TestDialect.MARIADB, registry);
    }
}
