package dev.conduit.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A command line run by {@code bash -c} from the project directory, exactly as a platform runs a
 * Procfile entry, with a clean environment: PATH (this JVM's java first), HOME, LANG and what the
 * test passes. Output goes to a log file; close() kills what is still running.
 */
final class Shell implements AutoCloseable {
  private final Process process;
  private final Path log;

  private Shell(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  static Shell start(String commandLine, Map<String, String> env) {
    return start(List.of(), commandLine, env, Repo.root());
  }

  /**
   * The same from {@code dir}, behind {@code runAs} (e.g. {@code setpriv --reuid=...}: another
   * user). The environment given (PATH included) replaces the default one where it says so.
   */
  static Shell start(List<String> runAs, String commandLine, Map<String, String> env, Path dir) {
    try {
      Path log = Files.createTempFile("conduit-shell-", ".log");
      List<String> argv = new ArrayList<>(runAs);
      argv.addAll(List.of("bash", "-c", commandLine));
      ProcessBuilder pb =
          new ProcessBuilder(argv)
              .directory(dir.toFile())
              .redirectErrorStream(true)
              .redirectOutput(log.toFile());
      Map<String, String> e = pb.environment();
      String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
      e.clear();
      e.put("PATH", Path.of(System.getProperty("java.home"), "bin") + ":" + path);
      e.put("HOME", System.getProperty("user.home"));
      e.put("LANG", "C.UTF-8");
      e.putAll(env);
      return new Shell(pb.start(), log);
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
  }

  /** Runs to completion within {@code timeout}; fails with the output if it does not. */
  static Result run(String commandLine, Map<String, String> env, Duration timeout) {
    return run(List.of(), commandLine, env, Repo.root(), timeout);
  }

  static Result run(
      List<String> runAs, String commandLine, Map<String, String> env, Path dir, Duration timeout) {
    try (Shell shell = start(runAs, commandLine, env, dir)) {
      int code = shell.waitFor(timeout);
      return new Result(code, shell.output());
    }
  }

  int waitFor(Duration timeout) {
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new AssertionError("still running after " + timeout + "; output:\n" + output());
      }
      return process.exitValue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  boolean isAlive() {
    return process.isAlive();
  }

  long pid() {
    return process.pid();
  }

  /** SIGTERM to the process (bash execs a single command, so that is the JVM itself). */
  void terminate() {
    process.destroy();
  }

  String output() {
    try {
      return Files.readString(log, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Kills what is still running and deletes the log (assertions quote it before this). */
  @Override
  public void close() {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    if (process.isAlive()) {
      process.destroyForcibly();
      try {
        process.waitFor(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    try {
      Files.deleteIfExists(log);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  record Result(int exitCode, String output) {}
}
