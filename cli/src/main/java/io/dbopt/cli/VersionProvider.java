package io.dbopt.cli;

import picocli.CommandLine;

/** Reports the version from the jar manifest. */
final class VersionProvider implements CommandLine.IVersionProvider {

    @Override
    public String[] getVersion() {
        String version = DbOptCommand.class.getPackage().getImplementationVersion();
        return new String[] {"dbopt " + (version == null ? "0.1.0-SNAPSHOT" : version)};
    }
}
