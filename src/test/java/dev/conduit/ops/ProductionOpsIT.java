package dev.conduit.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conduit.auth.AuthFactory;
import dev.conduit.support.TestDatabase;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The jar with {@code config-prod.yml} and only environment variables, as a platform runs it:
 * strict substitution, Graphite switched on by {@code GRAPHITE_HOST}, the admin port behind basic
 * auth, readiness waiting for {@code db migrate}, and the operator tasks.
 */
class ProductionOpsIT {
  private static final String PASSWORD = "admin-pw-" + java.util.UUID.randomUUID();
  private static final String WRONG = "not-the-pw-" + Long.toHexString(System.nanoTime());

  private static TestDatabase db;
  private static ServerSocket carbon;
  private static final List<String> carbonLines = new CopyOnWriteArrayList<>();
  private static JarApp app;

  @BeforeAll
  static void start() throws Exception {
    db = TestDatabase.postgres();
    carbon = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
    Thread listener = new Thread(ProductionOpsIT::acceptCarbon, "carbon-listener");
    listener.setDaemon(true);
    listener.start();
    app =
        env(JarApp.builder("config-prod.yml"))
            // config-prod binds the application port to all interfaces; tests stay on loopback.
            .prop("server.applicationConnectors[0].bindHost", "127.0.0.1")
            .start("production-config");
  }

  private static JarApp.Builder env(JarApp.Builder b) {
    return b.env("DATABASE_URL", db.url())
        .env("JWT_SECRET", AuthFactory.randomSecret())
        .env("ADMIN_BIND", "127.0.0.1")
        .env("ALLOWED_HOSTS", "127.0.0.1,localhost")
        .env("ADMIN_PASSWORD", PASSWORD)
        .env("DRAIN_PERIOD", "0s")
        .env("GRAPHITE_HOST", "127.0.0.1")
        .env("GRAPHITE_PORT", Integer.toString(carbon.getLocalPort()))
        .env("GRAPHITE_INTERVAL", "1 second");
  }

  private static void acceptCarbon() {
    while (!carbon.isClosed()) {
      try {
        Socket s = carbon.accept();
        Thread t =
            new Thread(
                () -> {
                  try (s;
                      BufferedReader in =
                          new BufferedReader(
                              new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = in.readLine()) != null) {
                      carbonLines.add(line);
                    }
                  } catch (Exception e) {
                    // connection closed
                  }
                });
        t.setDaemon(true);
        t.start();
      } catch (Exception e) {
        return;
      }
    }
  }

  @AfterAll
  static void stop() throws Exception {
    if (app != null) {
      app.close();
    }
    if (carbon != null) {
      carbon.close();
    }
    if (db != null) {
      db.close();
    }
  }

  private static HttpResponse<String> admin(String method, String path, String password)
      throws Exception {
    HttpRequest.Builder r =
        HttpRequest.newBuilder(JarApp.uri(app.adminPort, path))
            .method(method, HttpRequest.BodyPublishers.noBody());
    if (password != null) {
      String token =
          Base64.getEncoder()
              .encodeToString(("admin:" + password).getBytes(StandardCharsets.UTF_8));
      r.header("Authorization", "Basic " + token);
    }
    return app.send(r);
  }

  @Test
  void graphiteReceivesRealMetricLinesUnderTheDefaultPrefix() throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    String instance = GraphiteReporterFactory.instanceName();
    String health = "conduit." + instance + ".health.database.healthy ";
    // Reports arrive every second; health gauges join once the server has started.
    while (System.nanoTime() < deadline
        && carbonLines.stream().noneMatch(l -> l.startsWith(health))) {
      Thread.sleep(200);
    }
    assertThat(carbonLines).isNotEmpty();
    // Carbon plaintext: "<path> <value> <epoch seconds>"
    assertThat(carbonLines).allMatch(l -> l.matches("\\S+ \\S+ \\d{10}"));
    assertThat(carbonLines)
        .anyMatch(
            l -> l.matches("conduit\\." + instance + "\\.jvm\\.memory\\.heap\\.used \\d+ \\d+"));
    assertThat(carbonLines).anyMatch(l -> l.startsWith(health));
  }

  @Test
  void adminPathsNeedBasicAuthExceptPingAndHealthcheck() throws Exception {
    assertThat(admin("GET", "/ping", null).statusCode()).isEqualTo(200);
    assertThat(admin("GET", "/healthcheck", null).statusCode()).isIn(200, 500); // not 401
    for (String path : List.of("/metrics", "/prometheus", "/threads", "/version", "/tasks")) {
      assertThat(admin("GET", path, null).statusCode()).as(path).isEqualTo(401);
      assertThat(admin("GET", path, WRONG).statusCode()).as(path).isEqualTo(401);
    }
    HttpResponse<String> denied = admin("GET", "/metrics", null);
    assertThat(denied.headers().firstValue("WWW-Authenticate"))
        .hasValueSatisfying(v -> v.startsWith("Basic"));
    assertThat(admin("POST", "/tasks/drain", WRONG).statusCode()).isEqualTo(401);
    assertThat(admin("GET", "/metrics", PASSWORD).statusCode()).isEqualTo(200);
    assertThat(admin("GET", "/threads", PASSWORD).statusCode()).isEqualTo(200);

    String log = Files.readString(app.log);
    assertThat(log).contains("admin: rejected GET /metrics from 127.0.0.1 (wrong credentials)");
    assertThat(log).contains("admin: rejected GET /metrics from 127.0.0.1 (no credentials)");
    assertThat(log).doesNotContain(WRONG).doesNotContain(PASSWORD);
  }

  @Test
  void probesStayOutOfTheRequestLogAndOutsideTheApi() throws Exception {
    for (String probe : List.of("/health/live", "/health", "/health/ready")) {
      assertThat(app.get(app.port, probe).headers().firstValue("Content-Type"))
          .hasValue("application/json");
    }
    assertThat(app.get(app.port, "/api/health/live").statusCode()).isEqualTo(404);
    // A control request that must be logged: the log is asynchronous, so wait for it.
    app.get(app.port, "/api/ops-request-log-control");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    String log = Files.readString(app.log);
    // Production access lines are JSON: {"method":"GET","path":"/api/...",...}
    String control = "\"path\":\"/api/ops-request-log-control\"";
    while (!log.contains(control) && System.nanoTime() < deadline) {
      Thread.sleep(100);
      log = Files.readString(app.log);
    }
    assertThat(log).contains(control);
    assertThat(log).doesNotContain("\"path\":\"/health");
  }

  @Test
  void versionNamesTheBuild() throws Exception {
    HttpResponse<String> version = admin("GET", "/version", PASSWORD);
    assertThat(version.statusCode()).isEqualTo(200);
    assertThat(version.body())
        .matches(
            "\\{\"version\":\"[^\"]+\",\"commit\":\"([0-9a-f]{7,40}|unknown)\","
                + "\"buildTime\":\"\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ\"}");
  }

  @Test
  void tasksAreIdempotentAndLogLevelWorks() throws Exception {
    HttpResponse<String> level =
        admin("POST", "/tasks/log-level?logger=dev.conduit.probe&level=DEBUG", PASSWORD);
    assertThat(level.statusCode()).isEqualTo(200);
    assertThat(level.body()).contains("Configured logging level for dev.conduit.probe to DEBUG");

    assertThat(admin("POST", "/tasks/drain", PASSWORD).body()).isEqualTo("draining\n");
    assertThat(admin("POST", "/tasks/drain", PASSWORD).body()).isEqualTo("already draining\n");
    HttpResponse<String> ready = app.get(app.port, "/health/ready");
    assertThat(ready.statusCode()).isEqualTo(503);
    assertThat(ready.body()).contains("\"reason\":\"draining\"");
    assertThat(app.get(app.port, "/health/live").statusCode()).isEqualTo(200);
    assertThat(admin("GET", "/healthcheck", null).body()).contains("\"drain\":{\"healthy\":false");
    assertThat(admin("POST", "/tasks/undrain", PASSWORD).body()).isEqualTo("serving\n");
    assertThat(admin("POST", "/tasks/undrain", PASSWORD).body()).isEqualTo("was not draining\n");
    assertThat(app.get(app.port, "/health/ready").body()).doesNotContain("draining");
  }

  @Test
  void readinessWaitsForTheSchemaThisBuildExpects() throws Exception {
    // config-prod never migrates: until `db migrate` runs, the schema is behind.
    HttpResponse<String> ready = app.get(app.port, "/health/ready");
    assertThat(ready.statusCode()).isEqualTo(503);
    assertThat(ready.body())
        .isEqualTo("{\"status\":\"unavailable\",\"reason\":\"schema not at expected version\"}");
    String health = admin("GET", "/healthcheck", null).body();
    assertThat(health).contains("\"migrations\":{\"healthy\":false");

    assertThat(runJar("db", "migrate", "config-prod.yml")).isZero();

    HttpResponse<String> after = app.get(app.port, "/health/ready");
    assertThat(after.statusCode()).as(after.body()).isEqualTo(200);
    assertThat(after.body()).isEqualTo("{\"status\":\"ready\"}");
    assertThat(admin("GET", "/healthcheck", null).body())
        .contains("\"migrations\":{\"healthy\":true");
  }

  /** Runs another command of the jar with the same environment (a release phase). */
  private static int runJar(String... args) throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-jar");
    cmd.add(JarApp.JAR.toString());
    cmd.addAll(List.of(args));
    Path log = Path.of("target", "ops-it", "db-migrate.log");
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.redirectOutput(log.toFile());
    pb.environment().put("DATABASE_URL", db.url());
    pb.environment().put("JWT_SECRET", AuthFactory.randomSecret());
    pb.environment().put("ALLOWED_HOSTS", "127.0.0.1,localhost");
    Process p = pb.start();
    if (!p.waitFor(Duration.ofMinutes(2).toMillis(), TimeUnit.MILLISECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("db migrate did not finish:\n" + Files.readString(log));
    }
    return p.exitValue();
  }
}
