/**
 * Real third-party TLS servers for tests: nginx and {@code openssl s_server}, each started in its
 * own directory on a free loopback port and configured to fail in one way ({@link
 * dev.mtlskit.client.servers.NginxServer}, {@link dev.mtlskit.client.servers.OpenSslServer}), the
 * certificates for every scenario ({@link dev.mtlskit.client.servers.ScenarioPki}), and curl and
 * s_client to prove what they do ({@link dev.mtlskit.client.servers.Clients}).
 * {@code FailureScenariosTest} records, scenario by scenario, what the servers send.
 */
package dev.mtlskit.client.servers;
