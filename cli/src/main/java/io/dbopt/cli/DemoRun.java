package io.dbopt.cli;

import io.dbopt.cli.demo.DemoWorkload;
import io.dbopt.core.doctor.Doctor;
import javax.sql.DataSource;

/** Runs the demo workload and hands what it recorded to the doctor's sections. */
final class DemoRun {

    private DemoRun() {
    }

    static DemoWorkload.Summary runWorkload(DataSource ds, Doctor.Builder doctor) {
        return new DemoWorkload(ds).run();
    }
}
