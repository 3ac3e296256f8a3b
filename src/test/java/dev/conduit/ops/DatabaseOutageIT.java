package dev.conduit.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conduit.support.TestApp;
import dev.conduit.support.TestDatabase;
import io.dropwizard.testing.ConfigOverride;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
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

  private final HttpClient http = HttpClient.newHttpClient();
  private TestDatabase db;
  private TcpProxy proxy;
  private TestApp app;

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
    assertThat(post("/api/users", USER).statusCode()).isBetween(200, 201);
    assertThat(get(appPort(), "/health/ready").statusCode()).isEqualTo(200);
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
    assertThat(get(appPort(), "/health/live").statusCode()).isEqualTo(200);

    long t = System.nanoTime();
    HttpResponse<String> login = post("/api/users/login", LOGIN);
    long loginMs = millisSince(t);
    System.out.printf("outage(reset): API answered %d in %d ms%n", login.statusCode(), loginMs);
    assertThat(login.statusCode()).isEqualTo(503);
    assertThat(login.body()).startsWith("{\"errors\":{\"database\":[");
    assertThat(login.headers().firstValue("Retry-After")).hasValue("5");
    assertThat(loginMs)
        .as("no longer than maxWaitForConnection (2 s) plus slack")
        .isLessThan(3_000);

    HttpResponse<String> health = get(app.adminPort(), "/healthcheck");
    assertThat(health.statusCode()).isEqualTo(500);
    assertThat(health.body()).contains("\"database\":{\"healthy\":false");
    assertThat(health.body()).contains("\"deadlocks\":{\"healthy\":true");

    proxy.forward();
    start = System.nanoTime();
    awaitStatus("/health/ready", 200, Duration.ofSeconds(10));
    System.out.printf("outage(reset): ready again %d ms after restore%n", millisSince(start));
    assertThat(post("/api/users/login", LOGIN).statusCode()).isEqualTo(200);
  }

  @Test
  void aHungDatabaseMakesReadinessAnswer503Quickly() throws Exception {
    proxy.hang();
    // Readiness reuses a result for ops.readinessInterval (1 s): the outage shows after that.
    awaitStatus("/health/ready", 503, Duration.ofSeconds(5));

    for (int i = 0; i < 3; i++) {
      long t = System.nanoTime();
      HttpResponse<String> ready = get(appPort(), "/health/ready");
      long ms = millisSince(t);
      System.out.printf("outage(hang): readiness %d in %d ms%n", ready.statusCode(), ms);
      assertThat(ready.statusCode()).isEqualTo(503);
      assertThat(ms).as("health check timeout (1 s) plus slack").isLessThan(2_500);
      assertThat(get(appPort(), "/health/live").statusCode()).isEqualTo(200);
    }
    long t = System.nanoTime();
    HttpResponse<String> health = get(app.adminPort(), "/healthcheck");
    System.out.printf(
        "outage(hang): admin healthcheck %d in %d ms%n", health.statusCode(), millisSince(t));
    assertThat(health.statusCode()).isEqualTo(500);
    // Checks run side by side, each bounded by 1 s.
    assertThat(millisSince(t)).isLessThan(2_500);

    t = System.nanoTime();
    HttpResponse<String> login = post("/api/users/login", LOGIN);
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
    assertThat(post("/api/users/login", LOGIN).statusCode()).isEqualTo(200);
  }

  private HttpResponse<String> awaitStatus(String path, int status, Duration within)
      throws Exception {
    long deadline = System.nanoTime() + within.toNanos();
    HttpResponse<String> last = get(appPort(), path);
    while (last.statusCode() != status && System.nanoTime() < deadline) {
      Thread.sleep(100);
      last = get(appPort(), path);
    }
    assertThat(last.statusCode()).as("%s within %s", path, within).isEqualTo(status);
    return last;
  }

  private int appPort() {
    return app.port();
  }

  private HttpResponse<String> get(int port, String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(30))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(String path, String json) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static long millisSince(long nanos) {
    return (System.nanoTime() - nanos) / 1_000_000;
  }
}
