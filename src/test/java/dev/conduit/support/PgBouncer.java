package dev.conduit.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real {@code pgbouncer} (the Debian package) in transaction pooling mode in front of the
 * PostgreSQL that {@code TEST_DATABASE_URL} names, on a free loopback port. It holds fewer server
 * connections than the service's pool has clients, so consecutive transactions of one client run on
 * different server connections, as under production load. PgBouncer refuses to run as root, so as
 * root it runs as the postgres OS user.
 */
public final class PgBouncer implements AutoCloseable {
  /** Server connections per database and user: fewer than the clients, on purpose. */
  public static final int SERVER_POOL_SIZE = 4;

  private final Path dir;
  private final Process process;
  private final int port;
  private final String user;
  private final String password;

  private PgBouncer(Path dir, Process process, int port, String user, String password) {
    this.dir = dir;
    this.process = process;
    this.port = port;
    this.user = user;
    this.password = password;
  }

  /**
   * Starts PgBouncer with the settings the README gives for the service: transaction pooling, and
   * {@code extra_float_digits} (sent by pgjdbc at start-up) ignored.
   */
  public static PgBouncer start() {
    URI target = URI.create(TestDatabase.baseUrl().substring("jdbc:".length()));
    Map<String, String> params = query(target.getRawQuery());
    String user = params.getOrDefault("user", "conduit");
    String password = params.getOrDefault("password", "");
    int port = Jar.freePort();
    try {
      Path dir = Files.createTempDirectory(Path.of("/tmp"), "conduit-pgbouncer-");
      Files.writeString(dir.resolve("users.txt"), "\"" + user + "\" \"" + password + "\"\n");
      Files.writeString(
          dir.resolve("pgbouncer.ini"),
          String.join(
              "\n",
              "[databases]",
              "* = host=" + target.getHost() + " port=" + target.getPort(),
              "[pgbouncer]",
              "listen_addr = 127.0.0.1",
              "listen_port = " + port,
              "unix_socket_dir =",
              "auth_type = scram-sha-256",
              "auth_file = " + dir.resolve("users.txt"),
              "pool_mode = transaction",
              "default_pool_size = " + SERVER_POOL_SIZE,
              "max_client_conn = 200",
              "ignore_startup_parameters = extra_float_digits",
              "logfile = " + dir.resolve("pgbouncer.log"),
              "pidfile = " + dir.resolve("pgbouncer.pid"),
              ""));
      List<String> command = List.of(binary(), dir.resolve("pgbouncer.ini").toString());
      if (isRoot()) {
        PostgresCluster.run(List.of("chown", "-R", "postgres:", dir.toString()));
        command =
            Stream.concat(Stream.of("runuser", "-u", "postgres", "--"), command.stream()).toList();
      }
      Process process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(dir.resolve("stdout.log").toFile())
              .start();
      PgBouncer bouncer = new PgBouncer(dir, process, port, user, password);
      bouncer.awaitListening();
      return bouncer;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String binary() {
    for (String candidate : List.of("/usr/sbin/pgbouncer", "/usr/bin/pgbouncer")) {
      if (Files.isExecutable(Path.of(candidate))) {
        return candidate;
      }
    }
    throw new IllegalStateException(
        "pgbouncer is not installed: run the tests with `make test` (it installs the Debian"
            + " package pgbouncer)");
  }

  private void awaitListening() {
    Await.untilListening("pgbouncer", port, Duration.ofSeconds(30), process::isAlive, this::log);
  }

  /** JDBC URL of {@code database} through PgBouncer. */
  public String url(String database) {
    return TestDatabase.postgresUrl("127.0.0.1", port, database, user, password);
  }

  public String log() {
    StringBuilder all = new StringBuilder();
    for (String name : List.of("stdout.log", "pgbouncer.log")) {
      try {
        all.append(Files.readString(dir.resolve(name), StandardCharsets.UTF_8));
      } catch (IOException e) {
        all.append("(no ").append(name).append(")\n");
      }
    }
    return all.toString();
  }

  @Override
  public void close() {
    try {
      Path pid = dir.resolve("pgbouncer.pid");
      if (Files.exists(pid)) {
        // runuser does not pass SIGTERM on reliably: signal PgBouncer itself.
        long id = Long.parseLong(Files.readString(pid).strip());
        ProcessHandle.of(id).ifPresent(ProcessHandle::destroy);
      }
      process.destroy();
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      try (Stream<Path> walk = Files.walk(dir)) {
        walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> params = new HashMap<>();
    if (raw != null) {
      for (String pair : raw.split("&")) {
        int eq = pair.indexOf('=');
        if (eq > 0) {
          params.put(
              pair.substring(0, eq),
              java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
      }
    }
    return params;
  }

  private static boolean isRoot() {
    return "root".equals(System.getProperty("user.name"));
  }
}
