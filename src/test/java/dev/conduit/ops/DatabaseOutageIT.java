package dev.conduit.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL going away and coming back, through a TCP proxy this test owns: readiness turns 503
 * within seconds, liveness stays 200, the API fails fast with 503 and a RealWorld body, and the
 * service recovers by itself when the database is reachable again.
 */
class DatabaseOutageIT {
  private static final String USER =
      "{\"user\":{\"username\":\"outage\",\"email\":\"outage@example.com\","
          + "\"password\":\"correct horse battery\"}}";
  private static final String LOGIN =
      "{\"user\":{\"email\":\"outage@example.com\",\"password\":\"correct horse battery\"}}";

  private static final String SOCKET_TIMEOUT_SECONDS = "3";

  private PgDatabase db;
  private TcpProxy proxy;
  private InProcessApp app;

  @BeforeEach
  void start() throws Exception {
    db = PgDatabase.create();
    proxy = new TcpProxy(db.host, db.port);
    // A short socket timeout: the only thing that ends a wait on a black-holed database.
    app =
        new InProcessApp(
            db.jdbcUrl(proxy.port()), "database.properties.socketTimeout", SOCKET_TIMEOUT_SECONDS);
    assertThat(app.post(app.port(), "/api/users", USER).statusCode()).isBetween(200, 201);
    assertThat(app.get(app.port(), "/health/ready").statusCode()).isEqualTo(200);
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
    HttpResponse<String> ready = awaitStatus("/health/ready", 503, Duration.ofSeconds(5));
    System.out.printf("outage(reset): readiness 503 after %d ms%n", millisSince(start));
    assertThat(ready.body())
        .isEqualTo("{\"status\":\"unavailable\",\"reason\":\"database unavailable\"}");
    assertThat(app.get(app.port(), "/health/live").statusCode()).isEqualTo(200);

    long t = System.nanoTime();
    HttpResponse<String> login = app.post(app.port(), "/api/users/login", LOGIN);
    long loginMs = millisSince(t);
    System.out.printf("outage(reset): API answered %d in %d ms%n", login.statusCode(), loginMs);
    assertThat(login.statusCode()).isEqualTo(503);
    assertThat(login.body()).startsWith("{\"errors\":{\"database\":[");
    assertThat(login.headers().firstValue("Retry-After")).hasValue("5");
    assertThat(loginMs)
        .as("no longer than maxWaitForConnection (2 s) plus slack")
        .isLessThan(3_000);

    HttpResponse<String> health = app.get(app.adminPort(), "/healthcheck");
    assertThat(health.statusCode()).isEqualTo(500);
    assertThat(health.body()).contains("\"database\":{\"healthy\":false");
    assertThat(health.body()).contains("\"deadlocks\":{\"healthy\":true");

    proxy.forward();
    start = System.nanoTime();
    awaitStatus("/health/ready", 200, Duration.ofSeconds(10));
    System.out.printf("outage(reset): ready again %d ms after restore%n", millisSince(start));
    assertThat(app.post(app.port(), "/api/users/login", LOGIN).statusCode()).isEqualTo(200);
  }

  @Test
  void aHungDatabaseMakesReadinessAnswer503Quickly() throws Exception {
    proxy.hang();

    for (int i = 0; i < 3; i++) {
      long t = System.nanoTime();
      HttpResponse<String> ready = app.get(app.port(), "/health/ready");
      long ms = millisSince(t);
      System.out.printf("outage(hang): readiness %d in %d ms%n", ready.statusCode(), ms);
      assertThat(ready.statusCode()).isEqualTo(503);
      assertThat(ms).as("health check timeout (1 s) plus slack").isLessThan(2_500);
      assertThat(app.get(app.port(), "/health/live").statusCode()).isEqualTo(200);
    }
    long t = System.nanoTime();
    HttpResponse<String> health = app.get(app.adminPort(), "/healthcheck");
    System.out.printf(
        "outage(hang): admin healthcheck %d in %d ms%n", health.statusCode(), millisSince(t));
    assertThat(health.statusCode()).isEqualTo(500);
    assertThat(millisSince(t)).isLessThan(5_000);

    t = System.nanoTime();
    HttpResponse<String> login = app.post(app.port(), "/api/users/login", LOGIN);
    long loginMs = millisSince(t);
    System.out.printf("outage(hang): API answered %d in %d ms%n", login.statusCode(), loginMs);
    assertThat(login.statusCode()).isEqualTo(503);
    assertThat(login.body()).startsWith("{\"errors\":{\"database\":[");
    // Bounded by the socket timeout (3 s) plus the pool checkout wait (2 s), with slack.
    assertThat(loginMs).isLessThan(8_000);

    proxy.forward();
    long start = System.nanoTime();
    awaitStatus("/health/ready", 200, Duration.ofSeconds(30));
    System.out.printf("outage(hang): ready again %d ms after restore%n", millisSince(start));
    assertThat(app.post(app.port(), "/api/users/login", LOGIN).statusCode()).isEqualTo(200);
  }

  private HttpResponse<String> awaitStatus(String path, int status, Duration within)
      throws Exception {
    long deadline = System.nanoTime() + within.toNanos();
    HttpResponse<String> last = app.get(app.port(), path);
    while (last.statusCode() != status && System.nanoTime() < deadline) {
      Thread.sleep(100);
      last = app.get(app.port(), path);
    }
    assertThat(last.statusCode()).as("%s within %s", path, within).isEqualTo(status);
    return last;
  }

  private static long millisSince(long nanos) {
    return (System.nanoTime() - nanos) / 1_000_000;
  }
}
