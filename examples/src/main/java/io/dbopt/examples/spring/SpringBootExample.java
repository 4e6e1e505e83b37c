package io.dbopt.examples.spring;

import io.dbopt.query.QueryProfiler;
import io.dbopt.query.QueryStats;
import io.dbopt.spring.actuate.DbOptHealthIndicator;
import io.dbopt.spring.actuate.DoctorEndpoint;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A Spring Boot application that adds only {@code dbopt-spring-boot-starter} and a few {@code dbopt.*} properties:
 * its HikariCP pool is profiled and adopted, dbopt's meters are in its registry, {@code /actuator/health} has a
 * {@code dbopt} part that never waits for the pool, and {@code /actuator/dbopt} serves the doctor's report.
 *
 * <pre>
 * java -cp ... io.dbopt.examples.spring.SpringBootExample \
 *     --spring.datasource.url=jdbc:postgresql://127.0.0.1:5432/app --spring.datasource.username=postgres
 * </pre>
 */
@SpringBootApplication
public class SpringBootExample {

    /**
     * What the application saw.
     *
     * @param topQueries the profiler's statements, most time first
     * @param health the {@code dbopt} health indicator's status
     */
    public record Result(List<QueryStats> topQueries, String health) {
    }

    /**
     * Starts the application with {@code args} (Spring Boot's {@code --name=value}) and a few {@code dbopt.*}
     * defaults; the caller closes it.
     */
    public static ConfigurableApplicationContext start(String... args) {
        SpringApplication app = new SpringApplication(SpringBootExample.class);
        app.setWebApplicationType(WebApplicationType.NONE);
        app.setDefaultProperties(Map.of(
                "dbopt.query.slow-query-threshold", "200ms",   // a dbopt.* key: query.slow_query_threshold
                "dbopt.health.interval", "5s",
                "management.endpoints.web.exposure.include", "health,dbopt"));
        return app.run(args);
    }

    /** Runs a little work in the started application and reads what dbopt made of it. */
    public static Result work(ConfigurableApplicationContext context) {
        JdbcTemplate jdbc = new JdbcTemplate(context.getBean(DataSource.class));
        jdbc.execute("CREATE TABLE example_books (id INT PRIMARY KEY, title VARCHAR(80) NOT NULL)");
        for (int i = 1; i <= 20; i++) {
            jdbc.update("INSERT INTO example_books VALUES (?, ?)", i, "Book " + i);
        }
        for (int i = 1; i <= 20; i++) {
            jdbc.queryForObject("SELECT title FROM example_books WHERE id = ?", String.class, i);
        }
        QueryProfiler profiler = context.getBean(QueryProfiler.class);
        String health = context.getBean(DbOptHealthIndicator.class).health().getStatus().getCode();
        return new Result(profiler.topQueries(5), health);
    }

    /** What {@code GET /actuator/dbopt} answers: the doctor's report (it reads the whole catalog: seconds). */
    public static Map<String, Object> doctor(ConfigurableApplicationContext context) {
        return context.getBean(DoctorEndpoint.class).report();
    }

    public static void main(String[] args) {
        try (ConfigurableApplicationContext context = start(args)) {
            Result r = work(context);
            r.topQueries().forEach(q -> System.out.printf("%6d x %s%n", q.executions(), q.fingerprint()));
            System.out.println("dbopt health: " + r.health());
            System.out.println("doctor: " + doctor(context).get("summary"));
        }
    }
}
