package dev.mtlskit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.sun.net.httpserver.HttpServer;

import dev.mtlskit.testing.Programs;

/**
 * SIGTERM behind a load balancer, with a real process: not ready at once, still accepting for the
 * drain delay, then no new connections while the request in flight finishes, and exit 0.
 */
class ServeDrainTest {

    @TempDir
    Path temp;

    @Test
    void sigtermSaysNotReadyFirstKeepsAcceptingForTheDelayAndLetsTheSlowRequestFinish() throws Exception {
        Programs.requireAll("curl and procps", "curl", "kill");
        CountDownLatch slowArrived = new CountDownLatch(1);
        HttpServer upstream = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        upstream.createContext("/", exchange -> {
            if (exchange.getRequestURI().getPath().equals("/slow")) {
                slowArrived.countDown();
                sleep(5000);
            }
            byte[] body = "done\n".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        upstream.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        upstream.start();
        Path err = temp.resolve("serve.err");
        Path dev = temp.resolve("mtls-dev");
        Process serve = ServeProcess.start(List.of(), List.of(), temp.resolve("serve.out"), err, List.of("serve",
                "--listen", "127.0.0.1:0", "--threads", "1", "--dev-dir", dev.toString(), "--admin", "127.0.0.1:0",
                "--upstream", "http://127.0.0.1:" + upstream.getAddress().getPort(), "--drain-delay", "1500ms"));
        Process slow = null;
        try {
            int port = Integer.parseInt(ProcessOutput.await(err, Pattern.compile("listener default on https://127\\.0\\.0\\.1:(\\d+)")));
            int admin = Integer.parseInt(ProcessOutput.await(err, Pattern.compile("admin listener on http://127\\.0\\.0\\.1:(\\d+)")));
            assertThat(readyz(admin)).isEqualTo(200);
            slow = new ProcessBuilder(curl(dev, port, "/slow")).redirectErrorStream(true).start();
            assertThat(slowArrived.await(20, TimeUnit.SECONDS)).as("the slow request reached the upstream").isTrue();

            Programs.run(List.of("kill", "-TERM", Long.toString(serve.pid())), Duration.ofSeconds(10)).successfulOutput();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
            while (readyz(admin) != 503 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(readyz(admin)).as("not ready within a second of SIGTERM").isEqualTo(503);
            Programs.Result during = Programs.run(curl(dev, port, "/new"), Duration.ofSeconds(20));
            assertThat(during.stdout()).as("a new connection during the drain delay: " + during.describe()).endsWith("200");

            deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
            while (accepts(port) && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(accepts(port)).as("no new connections once the delay is over").isFalse();
            assertThat(slow.isAlive()).as("the slow request is still in flight then").isTrue();

            assertThat(slow.waitFor(20, TimeUnit.SECONDS)).isTrue();
            assertThat(new String(slow.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).endsWith("done\n200");
            assertThat(serve.waitFor(30, TimeUnit.SECONDS)).as(Files.readString(err)).isTrue();
            assertThat(serve.exitValue()).as(Files.readString(err)).isZero();
            assertThat(Files.readString(err)).containsPattern("INFO  stopping \\(SIGTERM\\): /readyz answers 503 from now on; "
                    + "new connections are still accepted for 1500ms \\(drain_delay\\) so that load balancers stop sending\n")
                    .contains("INFO  shutting down: finishing requests in flight\n");
            assertThat(Files.readString(temp.resolve("serve.out"))).as("the access log, written before the exit")
                    .contains("\"path\":\"/slow\"", "\"path\":\"/new\"");
        } finally {
            if (slow != null) {
                slow.destroyForcibly();
            }
            serve.destroyForcibly();
            upstream.stop(0);
        }
    }

    private static List<String> curl(Path dev, int port, String path) {
        return new ArrayList<>(List.of("curl", "-sS", "--max-time", "20", "-w", "%{http_code}",
                "--resolve", "localhost:" + port + ":127.0.0.1", "--cert", dev.resolve("client.crt").toString(),
                "--key", dev.resolve("client.key").toString(), "--cacert", dev.resolve("ca.crt").toString(),
                "https://localhost:" + port + path));
    }

    private static int readyz(int admin) throws Exception {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + admin + "/readyz"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        }
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            return true;
        } catch (IOException refused) {
            return false;
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
