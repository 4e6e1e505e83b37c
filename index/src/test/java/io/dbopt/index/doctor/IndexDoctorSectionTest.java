package io.dbopt.index.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbopt.core.doctor.Doctor;
import io.dbopt.core.doctor.DoctorSection;
import org.junit.jupiter.api.Test;

class IndexDoctorSectionTest {

    @Test
    void isDiscoveredThroughTheServiceLoaderAfterTheServerSection() {
        assertThat(Doctor.discoverSections()).extracting(DoctorSection::title).contains("Indexes");
        assertThat(new IndexDoctorSection().order()).isEqualTo(400);
        assertThat(new IndexDoctorSection().title()).isEqualTo("Indexes");
    }
}
