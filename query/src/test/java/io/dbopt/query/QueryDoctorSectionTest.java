package io.dbopt.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbopt.core.doctor.Doctor;
import org.junit.jupiter.api.Test;

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
