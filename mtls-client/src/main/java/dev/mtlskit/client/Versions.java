package dev.mtlskit.client;

/** The version this build calls itself (User-Agent), "dev" when run from classes rather than a jar. */
final class Versions {

    private Versions() {
    }

    static String current() {
        String version = Versions.class.getPackage().getImplementationVersion();
        return version != null ? version : "dev";
    }
}
