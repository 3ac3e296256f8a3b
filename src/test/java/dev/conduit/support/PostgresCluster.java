package dev.conduit.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A second, private PostgreSQL cluster for tests that need server settings of their own (TLS,
 * pg_hba rules, a changed template database). Built from the binaries scripts/test found
 * (TEST_PG_BIN); without them the test fails, never skips. As root the server runs as the postgres
 * OS user, as scripts/lib/postgres.sh does. Role {@code conduit} (password {@code conduit}, may
 * create databases) and superuser {@code postgres} (password {@code postgres}) exist.
 */
public final class PostgresCluster implements AutoCloseable {
  private final Path dir;
  private final Path data;
  private final int port;

  private PostgresCluster(Path dir, int port) {
    this.dir = dir;
    this.data = dir.resolve("data");
    this.port = port;
  }

  /**
   * Starts a cluster. {@code files} are copied into the data directory first (e.g. server.crt),
   * {@code conf} lines are appended to postgresql.conf, and {@code hba} replaces the TCP lines of
   * pg_hba.conf when not null.
   */
  public static PostgresCluster start(
      Map<String, Path> files, List<String> conf, List<String> hba) {
    String bin = bin();
    try {
      Path dir = Files.createTempDirectory(Path.of("/tmp"), "conduit-pgc-");
      PostgresCluster cluster = new PostgresCluster(dir, Jar.freePort());
      cluster.init(bin, files, conf, hba);
      return cluster;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * TEST_PG_BIN (set by scripts/test), else the newest Debian-layout PostgreSQL, as
   * scripts/lib/postgres.sh looks for it.
   */
  static String bin() {
    String bin = System.getenv("TEST_PG_BIN");
    if (bin != null && !bin.isBlank()) {
      return bin;
    }
    try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
      return versions
          .map(v -> v.resolve("bin"))
          .filter(b -> Files.isExecutable(b.resolve("initdb")))
          .max(Comparator.comparing(b -> Integer.parseInt(b.getParent().getFileName().toString())))
          .map(Path::toString)
          .orElseThrow();
    } catch (IOException | RuntimeException e) {
      throw new IllegalStateException(
          "no PostgreSQL server binaries (TEST_PG_BIN or /usr/lib/postgresql/*/bin/initdb):"
              + " run the tests with `make test`, which installs them");
    }
  }

  private void init(String bin, Map<String, Path> files, List<String> conf, List<String> hba)
      throws IOException {
    Path pw = dir.resolve("pw");
    Files.writeString(pw, "postgres\n");
    chownToPostgres(dir);
    run(
        List.of(
            bin + "/initdb",
            "-D",
            data.toString(),
            "-U",
            "postgres",
            "--pwfile=" + pw,
            "-E",
            "UTF8",
            "--no-locale",
            "--auth-local=trust",
            "--auth-host=scram-sha-256",
            "--no-sync"));
    for (var f : files.entrySet()) {
      Files.copy(f.getValue(), data.resolve(f.getKey()));
    }
    List<String> settings = new ArrayList<>();
    settings.add("listen_addresses = '127.0.0.1'");
    settings.add("port = " + port);
    settings.add("unix_socket_directories = '" + data + "'");
    settings.add("fsync = off");
    settings.add("synchronous_commit = off");
    settings.add("max_connections = 100");
    settings.addAll(conf);
    Files.writeString(
        data.resolve("postgresql.conf"),
        "\n" + String.join("\n", settings) + "\n",
        java.nio.file.StandardOpenOption.APPEND);
    if (hba != null) {
      List<String> lines = new ArrayList<>(List.of("local all all trust"));
      lines.addAll(hba);
      Files.writeString(data.resolve("pg_hba.conf"), String.join("\n", lines) + "\n");
    }
    chownToPostgres(dir);
    run(List.of("chmod", "-R", "go-rwx", data.toString()));
    run(
        List.of(
            bin + "/pg_ctl",
            "-D",
            data.toString(),
            "-l",
            dir.resolve("log").toString(),
            "-w",
            "-t",
            "60",
            "start"));
    superuserSql("postgres", "CREATE ROLE conduit LOGIN CREATEDB PASSWORD 'conduit'");
  }

  /** Runs SQL as the superuser over the unix socket, in {@code database}. */
  public void superuserSql(String database, String... statements) {
    List<String> cmd =
        new ArrayList<>(
            List.of(
                bin() + "/psql",
                "-X",
                "-q",
                "-v",
                "ON_ERROR_STOP=1",
                "-h",
                data.toString(),
                "-p",
                Integer.toString(port),
                "-U",
                "postgres",
                "-d",
                database));
    for (String s : statements) {
      cmd.add("-c");
      cmd.add(s);
    }
    run(cmd);
  }

  public int port() {
    return port;
  }

  /** JDBC URL for role conduit on {@code host} (a name or address that reaches 127.0.0.1). */
  public String url(String host, String database, String params) {
    return TestDatabase.postgresUrl(host, port, database, "conduit", "conduit")
        + (params.isEmpty() ? "" : "&" + params);
  }

  public String log() {
    try {
      return Files.readString(dir.resolve("log"), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  @Override
  public void close() {
    try {
      run(List.of(bin() + "/pg_ctl", "-D", data.toString(), "-m", "immediate", "-w", "stop"));
    } finally {
      try (Stream<Path> walk = Files.walk(dir)) {
        walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private static boolean isRoot() {
    return "root".equals(System.getProperty("user.name"));
  }

  private static void chownToPostgres(Path dir) {
    if (isRoot()) {
      run(List.of("chown", "-R", "postgres:", dir.toString()));
    }
  }

  /** Runs a command (as postgres when we are root); fails with its output if it fails. */
  static void run(List<String> command) {
    List<String> full = new ArrayList<>();
    if (isRoot() && !command.get(0).equals("chown")) {
      full.addAll(List.of("runuser", "-u", "postgres", "--"));
    }
    full.addAll(command);
    try {
      Process p = new ProcessBuilder(full).redirectErrorStream(true).start();
      p.getOutputStream().close();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(Duration.ofMinutes(2).toSeconds(), TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IllegalStateException("still running: " + full);
      }
      if (p.exitValue() != 0) {
        throw new IllegalStateException("failed (" + p.exitValue() + "): " + full + "\n" + out);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
