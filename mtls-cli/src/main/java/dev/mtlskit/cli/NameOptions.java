package dev.mtlskit.cli;

import java.util.ArrayList;
import java.util.List;

import dev.mtlskit.pki.SubjectAltNames;

import picocli.CommandLine.Option;

/** The subject alternative names of {@code mtls pki issue} and {@code mtls pki csr}. */
final class NameOptions {

    @Option(names = "--dns", paramLabel = "NAME",
            description = "DNS name, e.g. api.example.com or *.example.com (repeatable).")
    List<String> dnsNames = new ArrayList<>();

    @Option(names = "--ip", paramLabel = "ADDRESS", description = "IPv4 or IPv6 address, e.g. 10.0.0.5 or ::1 (repeatable).")
    List<String> ipAddresses = new ArrayList<>();

    @Option(names = "--uri", paramLabel = "URI",
            description = "URI, e.g. spiffe://example.org/ns/prod/sa/api (repeatable).")
    List<String> uris = new ArrayList<>();

    @Option(names = "--email", paramLabel = "ADDRESS", description = "E-mail address (repeatable).")
    List<String> emails = new ArrayList<>();

    /** The names, each checked; an invalid one is refused with a message saying why. */
    SubjectAltNames subjectAltNames() {
        SubjectAltNames.Builder builder = SubjectAltNames.builder();
        dnsNames.forEach(builder::addDnsName);
        ipAddresses.forEach(builder::addIpAddress);
        uris.forEach(builder::addUri);
        emails.forEach(builder::addEmail);
        return builder.build();
    }
}
