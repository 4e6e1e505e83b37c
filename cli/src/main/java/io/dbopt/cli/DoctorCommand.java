package io.dbopt.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code dbopt doctor}: placeholder until the foundation's doctor lands in this session. */
@Command(name = "doctor", description = "Runs every analysis against a database and prints what to fix.")
final class DoctorCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        return 0;
    }
}
