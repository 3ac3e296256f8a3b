package dev.conduit.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The shaded jar ({@code target/app.jar}, built in {@code package} before failsafe runs) as a child
 * process: exactly what operators run. Output goes to a log file that tests can read.
 */
public final class Jar implements AutoCloseable {
  public static final Path JAR = Path.of("target", "app.jar");

  private final Process process;
  private final Path log;

  private Jar(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  /** Starts {@code java -jar target/app.jar <args>} with extra environment variables. */
  public static Jar start(Map<String, String> env, String... args) {
    if (!Files.exists(JAR)) {
      throw new IllegalStateException(JAR + " is missing: integration tests run after `package`");
    }
    try {
      Path log = Files.createTempFile("conduit-jar-", ".log");
      List<String> command = new ArrayList<>(List.of(javaBin(), "-jar", JAR.toString()));
      command.addAll(List.of(args));
      var builder =
          new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
      builder
          .environment()
          .keySet()
          .removeIf(
              k ->
                  k.equals("DATABASE_URL")
                      || k.equals("JDBC_DATABASE_URL")
                      || k.equals("JWT_SECRET")
                      || k.equals("PORT")
                      || k.equals("ADMIN_PORT"));
      builder.environment().putAll(env);
      return new Jar(builder.start(), log);
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

  public int waitFor(Duration timeout) {
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new AssertionError(
            "process still running after " + timeout + "; output:\n" + output());
      }
      return process.exitValue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * Waits (at most 60 s) until this server answers on the API port ({@code GET /api/user} gives
   * 401); fails at once if the process exits.
   */
  public Http awaitApi(String port) throws InterruptedException {
    Http http = new Http("http://127.0.0.1:" + port + "/api");
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new AssertionError("server exited:\n" + output());
      }
      try {
        if (http.get("/user").status() == 401) {
          return http;
        }
      } catch (RuntimeException notYet) {
        // connection refused while starting
      }
      Thread.sleep(200);
    }
    throw new AssertionError("server did not start in 60 s:\n" + output());
  }

  public Process process() {
    return process;
  }

  public String output() {
    try {
      return Files.readString(log, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** SIGTERM, as a platform sends it on shutdown. */
  public void terminate() {
    process.destroy();
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroyForcibly();
      try {
        process.waitFor(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** A loopback port free at the time of asking. */
  public static int freePort() {
    try (var socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String javaBin() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  public record Result(int exitCode, String output) {}
}
