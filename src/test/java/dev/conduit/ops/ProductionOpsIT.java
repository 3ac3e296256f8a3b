package dev.conduit.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.conduit.auth.AuthFactory;
import dev.conduit.support.Http;
import dev.conduit.support.Jar;
import dev.conduit.support.TestDatabase;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
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
  private static Jar app;
  private static Http root;

  @BeforeAll
  static void start() throws Exception {
    db = TestDatabase.postgres();
    carbon = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
    Thread listener = new Thread(ProductionOpsIT::acceptCarbon, "carbon-listener");
    listener.setDaemon(true);
    listener.start();
    app =
        env(Jar.server("config-prod.yml"))
            // config-prod binds the application port to all interfaces; tests stay on loopback.
            .prop("server.applicationConnectors[0].bindHost", "127.0.0.1")
            .start("production-config");
    root = app.root();
  }

  private static Jar.Server env(Jar.Server b) {
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

  private static Http.Reply admin(String method, String path, String password) {
    Http admin = app.admin();
    if (password != null) {
      String token =
          Base64.getEncoder()
              .encodeToString(("admin:" + password).getBytes(StandardCharsets.UTF_8));
      admin = admin.withHeader("Authorization", "Basic " + token);
    }
    return admin.send(method, path, null, null);
  }

  @Test
  void graphiteReceivesRealMetricLinesUnderTheDefaultPrefix() throws Exception {
    String instance = GraphiteReporterFactory.instanceName();
    String health = "conduit." + instance + ".health.database.healthy ";
    // Reports arrive every second; health gauges join once the server has started.
    await("a health gauge reaches carbon")
        .atMost(Duration.ofSeconds(20))
        .until(() -> carbonLines.stream().anyMatch(l -> l.startsWith(health)));
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
    assertThat(admin("GET", "/ping", null).status()).isEqualTo(200);
    assertThat(admin("GET", "/healthcheck", null).status()).isIn(200, 500); // not 401
    for (String path : List.of("/metrics", "/prometheus", "/threads", "/version", "/tasks")) {
      assertThat(admin("GET", path, null).status()).as(path).isEqualTo(401);
      assertThat(admin("GET", path, WRONG).status()).as(path).isEqualTo(401);
    }
    Http.Reply denied = admin("GET", "/metrics", null);
    assertThat(denied.header("WWW-Authenticate")).startsWith("Basic");
    assertThat(admin("POST", "/tasks/drain", WRONG).status()).isEqualTo(401);
    assertThat(admin("GET", "/metrics", PASSWORD).status()).isEqualTo(200);
    assertThat(admin("GET", "/threads", PASSWORD).status()).isEqualTo(200);

    String log = app.output();
    assertThat(log).contains("admin: rejected GET /metrics from 127.0.0.1 (wrong credentials)");
    assertThat(log).contains("admin: rejected GET /metrics from 127.0.0.1 (no credentials)");
    assertThat(log).doesNotContain(WRONG).doesNotContain(PASSWORD);
  }

  @Test
  void probesStayOutOfTheRequestLogAndOutsideTheApi() throws Exception {
    for (String probe : List.of("/health/live", "/health", "/health/ready")) {
      assertThat(root.get(probe).header("Content-Type")).isEqualTo("application/json");
    }
    assertThat(root.get("/api/health/live").status()).isEqualTo(404);
    // A control request that must be logged: the log is asynchronous, so wait for it.
    root.get("/api/ops-request-log-control");
    // Production access lines are JSON: {"method":"GET","path":"/api/...",...}
    String control = "\"path\":\"/api/ops-request-log-control\"";
    String log =
        await("the control request in the access log")
            .atMost(Duration.ofSeconds(10))
            .until(app::output, out -> out.contains(control));
    assertThat(log).doesNotContain("\"path\":\"/health");
  }

  @Test
  void versionNamesTheBuild() throws Exception {
    Http.Reply version = admin("GET", "/version", PASSWORD);
    assertThat(version.status()).isEqualTo(200);
    assertThat(version.body())
        .matches(
            "\\{\"version\":\"[^\"]+\",\"commit\":\"([0-9a-f]{7,40}|unknown)\","
                + "\"buildTime\":\"\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ\"}");
  }

  @Test
  void tasksAreIdempotentAndLogLevelWorks() throws Exception {
    Http.Reply level =
        admin("POST", "/tasks/log-level?logger=dev.conduit.probe&level=DEBUG", PASSWORD);
    assertThat(level.status()).isEqualTo(200);
    assertThat(level.body()).contains("Configured logging level for dev.conduit.probe to DEBUG");

    assertThat(admin("POST", "/tasks/drain", PASSWORD).body()).isEqualTo("draining\n");
    assertThat(admin("POST", "/tasks/drain", PASSWORD).body()).isEqualTo("already draining\n");
    Http.Reply ready = root.get("/health/ready");
    assertThat(ready.status()).isEqualTo(503);
    assertThat(ready.body()).contains("\"reason\":\"draining\"");
    assertThat(root.get("/health/live").status()).isEqualTo(200);
    assertThat(admin("GET", "/healthcheck", null).body()).contains("\"drain\":{\"healthy\":false");
    assertThat(admin("POST", "/tasks/undrain", PASSWORD).body()).isEqualTo("serving\n");
    assertThat(admin("POST", "/tasks/undrain", PASSWORD).body()).isEqualTo("was not draining\n");
    assertThat(root.get("/health/ready").body()).doesNotContain("draining");
  }

  @Test
  void readinessWaitsForTheSchemaThisBuildExpects() throws Exception {
    // config-prod never migrates: until `db migrate` runs, the schema is behind.
    Http.Reply ready = root.get("/health/ready");
    assertThat(ready.status()).isEqualTo(503);
    assertThat(ready.body())
        .isEqualTo("{\"status\":\"unavailable\",\"reason\":\"schema not at expected version\"}");
    String health = admin("GET", "/healthcheck", null).body();
    assertThat(health).contains("\"migrations\":{\"healthy\":false");

    // A release phase: another command of the jar with the same environment.
    var migrate =
        Jar.run(
            Map.of(
                "DATABASE_URL", db.url(),
                "JWT_SECRET", AuthFactory.randomSecret(),
                "ALLOWED_HOSTS", "127.0.0.1,localhost"),
            "db",
            "migrate",
            "config-prod.yml");
    assertThat(migrate.exitCode()).as(migrate.output()).isZero();

    Http.Reply after = root.get("/health/ready");
    assertThat(after.status()).as(after.body()).isEqualTo(200);
    assertThat(after.body()).isEqualTo("{\"status\":\"ready\"}");
    assertThat(admin("GET", "/healthcheck", null).body())
        .contains("\"migrations\":{\"healthy\":true");
  }
}
