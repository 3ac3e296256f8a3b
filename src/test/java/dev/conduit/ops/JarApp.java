package dev.conduit.ops;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The built jar ({@code target/app.jar}, made by {@code package} before failsafe runs) as a real
 * process on free loopback ports, for what only a process can show: signals, exit codes, strict
 * environment substitution of a config file. {@link #close()} kills it if a test did not stop it.
 */
final class JarApp implements AutoCloseable {
  static final Path JAR = Path.of("target", "app.jar");

  private final Process process;
  final int port;
  final int adminPort;
  final Path log;
  final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private JarApp(Process process, int port, int adminPort, Path log) {
    this.process = process;
    this.port = port;
    this.adminPort = adminPort;
    this.log = log;
  }

  static Builder builder(String configFile) {
    return new Builder(configFile);
  }

  static final class Builder {
    private final String config;
    private final Map<String, String> env = new LinkedHashMap<>();
    private final List<String> props = new ArrayList<>();

    private Builder(String config) {
      this.config = config;
    }

    Builder env(String name, String value) {
      env.put(name, value);
      return this;
    }

    /** A Dropwizard override, e.g. {@code prop("ops.drainPeriod", "3s")}. */
    Builder prop(String path, String value) {
      props.add("-Ddw." + path + "=" + value);
      return this;
    }

    JarApp start(String name) throws IOException, InterruptedException {
      if (!Files.isRegularFile(JAR)) {
        throw new IllegalStateException(
            JAR + " is missing: run `./mvnw verify` (package runs first)");
      }
      int port = freePort();
      int admin = freePort();
      Path logDir = Files.createDirectories(Path.of("target", "ops-it"));
      Path log = logDir.resolve(name + ".log");
      List<String> cmd = new ArrayList<>();
      cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      cmd.add("-Xmx256m");
      cmd.addAll(props);
      cmd.add("-jar");
      cmd.add(JAR.toString());
      cmd.add("server");
      cmd.add(config);
      ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
      pb.redirectOutput(log.toFile());
      pb.environment().put("PORT", Integer.toString(port));
      pb.environment().put("ADMIN_PORT", Integer.toString(admin));
      pb.environment().putAll(env);
      JarApp app = new JarApp(pb.start(), port, admin, log);
      app.awaitLive(Duration.ofSeconds(90));
      return app;
    }
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private void awaitLive(Duration timeout) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "app exited with " + process.exitValue() + " during start-up:\n" + tail());
      }
      try {
        if (get(port, "/health/live").statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException("app not live within " + timeout + ":\n" + tail());
  }

  HttpResponse<String> get(int onPort, String path) throws IOException, InterruptedException {
    return send(HttpRequest.newBuilder(uri(onPort, path)).GET());
  }

  HttpResponse<String> post(int onPort, String path, String json)
      throws IOException, InterruptedException {
    return send(
        HttpRequest.newBuilder(uri(onPort, path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json)));
  }

  HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
    return http.send(
        request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
  }

  static URI uri(int port, String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  /** SIGTERM, as a platform sends it ({@link Process#destroy()} is SIGTERM on Unix). */
  void sigterm() {
    process.destroy();
  }

  /** SIGKILL: no shutdown hook, no drain, no pool close ({@link Process#destroyForcibly()}). */
  void sigkill() {
    process.destroyForcibly();
  }

  boolean waitFor(Duration timeout) throws InterruptedException {
    return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  boolean isAlive() {
    return process.isAlive();
  }

  int exitValue() {
    return process.exitValue();
  }

  String tail() {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    }
  }
}
