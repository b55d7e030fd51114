package dev.mtlskit.cli;

import picocli.CommandLine.IVersionProvider;

/** Version from the jar manifest, so it is never out of step with the build. */
final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String version = MtlsCommand.class.getPackage().getImplementationVersion();
        return new String[] {"mtls " + (version != null ? version : "(development build)"),
                "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"};
    }
}
