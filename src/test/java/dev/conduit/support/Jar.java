package dev.conduit.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The shaded jar ({@code target/app.jar}, built in {@code package} before failsafe runs) as a child
 * process: exactly what operators run, for what only a process can show (signals, exit codes,
 * strict environment substitution, commands). The one place tests start the jar: commands with
 * {@link #run}, anything else with {@link #start}, a server on free loopback ports with {@link
 * #server}. Output goes to a log file that tests can read; {@link #close()} kills what still runs.
 */
public final class Jar implements AutoCloseable {
  public static final Path JAR = Path.of("target", "app.jar");

  /** Settings the caller's environment must not leak into the child (it names its own). */
  private static final List<String> OWN_ENV =
      List.of("DATABASE_URL", "JDBC_DATABASE_URL", "JWT_SECRET", "PORT", "ADMIN_PORT");

  private final Process process;
  private final Path log;
  private final int port;
  private final int adminPort;

  private Jar(Process process, Path log, int port, int adminPort) {
    this.process = process;
    this.log = log;
    this.port = port;
    this.adminPort = adminPort;
  }

  /** Starts {@code java -jar target/app.jar <args>} with extra environment variables. */
  public static Jar start(Map<String, String> env, String... args) {
    try {
      return launch(List.of(), env, List.of(args), Files.createTempFile("conduit-jar-", ".log"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Runs a command to completion (e.g. {@code db migrate}); fails if it takes longer than 2 min.
   */
  public static Result run(Map<String, String> env, String... args) {
    try (Jar jar = start(env, args)) {
      int code = jar.waitFor(Duration.ofMinutes(2));
      return new Result(code, jar.output());
    }
  }

  /** {@code server <config>} on free loopback ports ({@code PORT}, {@code ADMIN_PORT}). */
  public static Server server(String config) {
    return new Server(config);
  }

  /** Builds a server start: environment, {@code -Ddw.} overrides, then {@link #start}. */
  public static final class Server {
    private final String config;
    private final Map<String, String> env = new LinkedHashMap<>();
    private final List<String> jvm = new ArrayList<>(List.of("-Xmx256m"));

    private Server(String config) {
      this.config = config;
    }

    public Server env(String name, String value) {
      env.put(name, value);
      return this;
    }

    /** A Dropwizard override, e.g. {@code prop("ops.drainPeriod", "3s")}. */
    public Server prop(String path, String value) {
      jvm.add("-Ddw." + path + "=" + value);
      return this;
    }

    /**
     * Starts it, logging to {@code target/jar-it/<name>.log}, and waits until {@code GET
     * /health/live} answers 200; fails at once if the process exits. The wait is generous (3 min):
     * on a shared 2-core machine under load a JVM has been seen to take 85 s to start.
     */
    public Jar start(String name) {
      int port = freePort();
      int admin = freePort();
      var all = new LinkedHashMap<>(env);
      all.put("PORT", Integer.toString(port));
      all.put("ADMIN_PORT", Integer.toString(admin));
      try {
        Path log = Files.createDirectories(Path.of("target", "jar-it")).resolve(name + ".log");
        Jar jar = launch(jvm, all, List.of("server", config), log, port, admin);
        Http root = jar.root();
        Await.untilUp(
            name,
            Duration.ofMinutes(3),
            () -> root.get("/health/live").status() == 200,
            jar::isAlive,
            jar::tail);
        return jar;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private static Jar launch(List<String> jvm, Map<String, String> env, List<String> args, Path log)
      throws IOException {
    return launch(jvm, env, args, log, -1, -1);
  }

  private static Jar launch(
      List<String> jvm,
      Map<String, String> env,
      List<String> args,
      Path log,
      int port,
      int adminPort)
      throws IOException {
    if (!Files.isRegularFile(JAR)) {
      throw new IllegalStateException(JAR + " is missing: integration tests run after `package`");
    }
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvm);
    command.addAll(List.of("-jar", JAR.toString()));
    command.addAll(args);
    var builder =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().keySet().removeAll(OWN_ENV);
    builder.environment().putAll(env);
    return new Jar(builder.start(), log, port, adminPort);
  }

  /** The API port of a {@link #server} (its {@code PORT}). */
  public int port() {
    return port;
  }

  public int adminPort() {
    return adminPort;
  }

  /** A client for {@code /api} on the API port of a {@link #server}. */
  public Http http() {
    return new Http("http://127.0.0.1:" + port + "/api");
  }

  /** A client for the API port's root ({@code /health/...}). */
  public Http root() {
    return new Http("http://127.0.0.1:" + port);
  }

  /** A client for the admin port. */
  public Http admin() {
    return new Http("http://127.0.0.1:" + adminPort);
  }

  /** Waits for the process to exit and returns its exit code; fails if it is still running. */
  public int waitFor(Duration timeout) {
    if (!exitsWithin(timeout)) {
      throw new AssertionError("process still running after " + timeout + "; output:\n" + output());
    }
    return process.exitValue();
  }

  /** True if the process exited within {@code timeout}. */
  public boolean exitsWithin(Duration timeout) {
    try {
      return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * Waits (at most 60 s) until a server started with {@link #start} answers on the API port {@code
   * port} ({@code GET /api/user} gives 401); fails at once if the process exits.
   */
  public Http awaitApi(String port) {
    Http http = new Http("http://127.0.0.1:" + port + "/api");
    Await.untilUp(
        "server on " + port,
        Duration.ofSeconds(60),
        () -> http.get("/user").status() == 401,
        this::isAlive,
        this::output);
    return http;
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  public int exitValue() {
    return process.exitValue();
  }

  public String output() {
    try {
      return Files.readString(log, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The last 40 lines of the output, for failure messages. */
  public String tail() {
    List<String> lines = output().lines().toList();
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
  }

  /** SIGTERM, as a platform sends it on shutdown ({@link Process#destroy()} on Unix). */
  public void terminate() {
    process.destroy();
  }

  /** SIGKILL: no shutdown hook, no drain, no pool close ({@link Process#destroyForcibly()}). */
  public void kill() {
    process.destroyForcibly();
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroyForcibly();
      exitsWithin(Duration.ofSeconds(10));
    }
  }

  /** A loopback port free at the time of asking. */
  public static int freePort() {
    try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public record Result(int exitCode, String output) {}
}
