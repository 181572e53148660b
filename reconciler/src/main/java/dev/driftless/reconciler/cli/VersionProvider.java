package dev.driftless.reconciler.cli;

import picocli.CommandLine.IVersionProvider;

/** The version from the jar's manifest, or "development" when run from classes. */
final class VersionProvider implements IVersionProvider {

    @Override
    public String[] getVersion() {
        String version = DriftlessMain.class.getPackage().getImplementationVersion();
        return new String[] {"driftless " + (version == null ? "development" : version)};
    }
}
