package io.dbopt.spring.actuate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dbopt.core.CoreErrorCode;
import io.dbopt.core.DbOptException;
import io.dbopt.core.doctor.Doctor;
import io.dbopt.core.finding.FindingsReport;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;

/**
 * The {@code dbopt} actuator endpoint ({@code GET /actuator/dbopt}): runs the doctor against the application's
 * database and answers with its report, in the JSON of {@code dbopt doctor --format json}. The doctor works on
 * connections of its own (never the application's pool), each of its statements bounded by
 * {@code doctor.statement_timeout}; one run at a time. Expose it like any endpoint
 * ({@code management.endpoints.web.exposure.include=health,dbopt}); it reads catalogs and statistics and changes
 * nothing. Thread-safe.
 */
@Endpoint(id = "dbopt")
public class DoctorEndpoint {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Supplier<Doctor> doctor;

    /** @param doctor makes the doctor for one run, with the sections on the class path and what it may attach */
    public DoctorEndpoint(Supplier<Doctor> doctor) {
        this.doctor = Objects.requireNonNull(doctor, "doctor");
    }

    /** Runs the doctor now and answers with its report. */
    @ReadOperation
    public synchronized Map<String, Object> report() {
        FindingsReport report = doctor.get().run();
        try {
            @SuppressWarnings("unchecked")
            Map<String, Object> tree = JSON.readValue(report.toJson(), Map.class);
            return tree;
        } catch (JsonProcessingException e) {
            throw new DbOptException(CoreErrorCode.REPORT_FAILED, "The doctor's report could not be read back as "
                    + "JSON; run dbopt doctor --format json to see it", e);
        }
    }
}
