package io.dbopt.query.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbopt.core.doctor.Doctor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class QueryDoctorSectionTest {

    @Test
    void isDiscoveredByTheDoctorAfterTheServerSection() {
        assertThat(Doctor.discoverSections()).anySatisfy(s -> {
            assertThat(s).isInstanceOf(QueryDoctorSection.class);
            assertThat(s.title()).isEqualTo("Queries");
            assertThat(s.order()).isEqualTo(300);
        });
    }
}
