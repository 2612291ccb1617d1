package io.tempguard.e2e.support;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;

/**
 * The third-party monitoring agents (real jars from Maven Central, copied by the build into
 * {@code tempguard.monitoring.agents}), tempguard's shipped configs for them, and plain HTTP on
 * loopback to read them.
 */
public final class Monitoring {
    public static final String JMX_EXPORTER = "jmx_prometheus_javaagent.jar";
    public static final String OTEL = "opentelemetry-javaagent.jar";
    public static final String JOLOKIA = "jolokia-agent-jvm.jar";

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** One of the agent jars. */
    public static Path agent(String fileName) {
        return existing(Paths.get(property("tempguard.monitoring.agents")).resolve(fileName));
    }

    /** One of tempguard's shipped configs under {@code agent/monitoring}. */
    public static Path config(String fileName) {
        return existing(Paths.get(property("tempguard.monitoring.configs")).resolve(fileName));
    }

    public static Path readme() {
        return existing(Paths.get(property("tempguard.readme")));
    }

    /** A loopback port that was free a moment ago (the agent that binds it is started next). */
    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** The body of a GET, or null while nothing answers (the agent's server is still starting). */
    public static String getOrNull(String url) {
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 ? r.body() : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while reading " + url, e);
        }
    }

    private static Path existing(Path p) {
        if (!Files.exists(p)) throw new IllegalStateException(p + " is missing (run the tests through Maven)");
        return p;
    }

    private static String property(String name) {
        String v = System.getProperty(name);
        if (v == null || v.isEmpty()) throw new IllegalStateException("system property " + name + " is not set (run the tests through Maven)");
        return v;
    }

    private Monitoring() {
    }
}
