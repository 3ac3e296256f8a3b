package dev.conduit.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.conduit.support.Http;
import dev.conduit.support.TestApp;
import dev.conduit.support.TestDatabase;
import dev.conduit.support.Users;
import io.dropwizard.testing.ConfigOverride;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL going away and coming back, through a TCP proxy this test owns: readiness turns 503,
 * liveness stays 200, the API fails with 503 and a RealWorld body once a timeout fires (not by
 * hanging), and the service recovers by itself when the database is reachable again. What proves
 * "fast" is which timeout answered (the pool's checkout wait, the health check's own bound), not a
 * stopwatch: this shared machine may be slow.
 */
class DatabaseOutageIT {
  private static final String PASSWORD = "correct horse battery";
  private static final Map<String, Object> LOGIN = Users.login(Users.email("outage"), PASSWORD);

  private static final String SOCKET_TIMEOUT_SECONDS = "3";

  private TestDatabase db;
  private TcpProxy proxy;
  private TestApp app;
  private Http root;
  private Http api;

  @BeforeEach
  void start() throws Exception {
    db = TestDatabase.postgres();
    proxy = TcpProxy.inFrontOf(db.url());
    // A short socket timeout: the only thing that ends a wait on a black-holed database.
    app =
        TestApp.startVia(
            proxy.route(db.url()),
            db,
            ConfigOverride.config("database.properties.socketTimeout", SOCKET_TIMEOUT_SECONDS));
    root = new Http(app.appRoot());
    api = app.http();
    Users.register(api, "outage", Users.email("outage"), PASSWORD);
    assertThat(root.get("/health/ready").status()).isEqualTo(200);
  }

  @AfterEach
  void stop() throws Exception {
    if (app != null) {
      app.close();
    }
    if (proxy != null) {
      proxy.close();
    }
    if (db != null) {
      db.close();
    }
  }

  @Test
  void aResetDatabaseFailsFastAndRecoversWithoutRestart() throws Exception {
    proxy.reset();

    long start = System.nanoTime();
    Http.Reply ready = awaitStatus("/health/ready", 503);
    System.out.printf("outage(reset): readiness 503 after %d ms%n", millisSince(start));
    assertThat(ready.body())
        .isEqualTo("{\"status\":\"unavailable\",\"reason\":\"database unavailable\"}");
    assertThat(root.get("/health/live").status()).isEqualTo(200);

    long t = System.nanoTime();
    Http.Reply login = api.post("/users/login", LOGIN);
    System.out.printf("outage(reset): API answered %d in %d ms%n", login.status(), millisSince(t));
    // The outage mapping answered (not a hang, not a 500): the request gave up on the database.
    assertThat(login.status()).isEqualTo(503);
    assertThat(login.body()).startsWith("{\"errors\":{\"database\":[");
    assertThat(login.header("Retry-After")).isEqualTo("5");

    Http.Reply health = new Http(app.adminUrl()).get("/healthcheck");
    assertThat(health.status()).isEqualTo(500);
    assertThat(health.body()).contains("\"database\":{\"healthy\":false");

    proxy.forward();
    start = System.nanoTime();
    awaitStatus("/health/ready", 200);
    System.out.printf("outage(reset): ready again %d ms after restore%n", millisSince(start));
    assertThat(api.post("/users/login", LOGIN).status()).isEqualTo(200);
  }

  @Test
  void aHungDatabaseMakesReadinessAnswer503Quickly() throws Exception {
    proxy.hang();
    // Readiness reuses a result for ops.readinessInterval (1 s): the outage shows after that.
    awaitStatus("/health/ready", 503);

    for (int i = 0; i < 3; i++) {
      long t = System.nanoTime();
      Http.Reply ready = root.get("/health/ready");
      System.out.printf("outage(hang): readiness %d in %d ms%n", ready.status(), millisSince(t));
      assertThat(ready.status()).isEqualTo(503);
      assertThat(root.get("/health/live").status()).isEqualTo(200);
    }
    long t = System.nanoTime();
    Http.Reply health = new Http(app.adminUrl()).get("/healthcheck");
    System.out.printf(
        "outage(hang): admin healthcheck %d in %d ms%n", health.status(), millisSince(t));
    assertThat(health.status()).isEqualTo(500);
    // The health check's own bound answered, not the (longer) socket timeout: "quickly" is which
    // timeout fired, not a stopwatch reading.
    assertThat(health.body())
        .contains("\"database\":{\"healthy\":false")
        .containsAnyOf("no answer within", "too many probes still waiting");

    t = System.nanoTime();
    Http.Reply login = api.post("/users/login", LOGIN);
    System.out.printf("outage(hang): API answered %d in %d ms%n", login.status(), millisSince(t));
    // Ended by the socket timeout (3 s) or the pool checkout wait (2 s): an answer, not a hang.
    assertThat(login.status()).isEqualTo(503);
    assertThat(login.body()).startsWith("{\"errors\":{\"database\":[");

    proxy.forward();
    long start = System.nanoTime();
    awaitStatus("/health/ready", 200);
    System.out.printf("outage(hang): ready again %d ms after restore%n", millisSince(start));
    assertThat(api.post("/users/login", LOGIN).status()).isEqualTo(200);
  }

  private Http.Reply awaitStatus(String path, int status) {
    return await(path + " answers " + status)
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> root.get(path), reply -> reply.status() == status);
  }

  private static long millisSince(long nanos) {
    return (System.nanoTime() - nanos) / 1_000_000;
  }
}
