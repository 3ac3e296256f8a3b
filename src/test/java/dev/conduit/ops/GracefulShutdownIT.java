package dev.conduit.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.conduit.support.TestDatabase;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * SIGTERM against the real jar on PostgreSQL: readiness turns 503 at once, the service keeps
 * serving through the drain period, a request still running when Jetty stops accepting completes
 * with 200, and the process exits 0 within drain + grace.
 *
 * <p>The slow request is a real one made slow by the database: the test holds an exclusive lock on
 * {@code users}, so the login's SELECT waits for it. No test-only endpoint exists in the app.
 */
class GracefulShutdownIT {
  private static final Duration DRAIN = Duration.ofSeconds(3);
  private static final Duration GRACE = Duration.ofSeconds(10);

  private long sigtermAt;

  @Test
  void sigtermDrainsFinishesInFlightRequestsAndExitsZero() throws Exception {
    try (TestDatabase db = TestDatabase.postgres();
        JarApp app =
            JarApp.builder("config.yml")
                .env("DATABASE_URL", db.url())
                .prop("ops.drainPeriod", DRAIN.toSeconds() + "s")
                .prop("server.shutdownGracePeriod", GRACE.toSeconds() + "s")
                .start("graceful-shutdown")) {
      String user =
          "{\"user\":{\"username\":\"drainer\",\"email\":\"drainer@example.com\","
              + "\"password\":\"correct horse battery\"}}";
      assertThat(app.post(app.port, "/api/users", user).statusCode()).isBetween(200, 201);
      assertThat(app.get(app.port, "/health/ready").statusCode()).isEqualTo(200);

      try (Connection lock = DriverManager.getConnection(db.url())) {
        lock.setAutoCommit(false);
        try (Statement s = lock.createStatement()) {
          s.execute("LOCK TABLE users IN ACCESS EXCLUSIVE MODE");
        }
        CompletableFuture<HttpResponse<String>> slow =
            app.http.sendAsync(
                HttpRequest.newBuilder(JarApp.uri(app.port, "/api/users/login"))
                    .header("Content-Type", "application/json")
                    .timeout(Duration.ofSeconds(60))
                    .POST(
                        HttpRequest.BodyPublishers.ofString(
                            "{\"user\":{\"email\":\"drainer@example.com\","
                                + "\"password\":\"correct horse battery\"}}"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        awaitWaitingOnLock(lock);

        long sigterm = System.nanoTime();
        sigtermAt = sigterm;
        app.sigterm();

        // Readiness flips at once; liveness and the API keep answering during the drain.
        HttpResponse<String> ready = awaitStatus(app, "/health/ready", 503, Duration.ofSeconds(2));
        assertThat(ready.body()).contains("\"reason\":\"draining\"");
        assertThat(millisSince(sigterm)).isLessThan(2_000);
        assertThat(app.get(app.port, "/health/live").statusCode()).isEqualTo(200);
        assertThat(app.get(app.port, "/api/users/nobody").statusCode()).isEqualTo(404);

        // It keeps answering for the whole drain period, then Jetty stops accepting; the slow
        // request is still in flight.
        awaitRefused(app, DRAIN.plusSeconds(5));
        long closedAfter = millisSince(sigterm);
        System.out.printf("drain: port closed %d ms after SIGTERM%n", closedAfter);
        assertThat(closedAfter).isGreaterThanOrEqualTo(DRAIN.toMillis());
        assertThat(app.isAlive()).isTrue();
        assertThat(slow).isNotDone();
        Thread.sleep(500); // in flight well past the close

        lock.commit(); // the login's query proceeds
        HttpResponse<String> response = slow.get(GRACE.toSeconds(), TimeUnit.SECONDS);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"username\":\"drainer\"");
      }

      assertThat(app.waitFor(DRAIN.plus(GRACE))).as("exited within drain + grace").isTrue();
      System.out.printf("drain: exited %d after %d ms%n", app.exitValue(), millisSince(sigtermAt));
      assertThat(app.exitValue()).as("exit code; log:\n%s", app.tail()).isZero();
    }
  }

  /** Blocks until another session is waiting for a lock this connection holds. */
  private static void awaitWaitingOnLock(Connection lock) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (System.nanoTime() < deadline) {
      try (Statement s = lock.createStatement();
          ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_locks WHERE NOT granted")) {
        rs.next();
        if (rs.getInt(1) > 0) {
          return;
        }
      }
      Thread.sleep(50);
    }
    throw new AssertionError("the login request never reached the locked table");
  }

  private static HttpResponse<String> awaitStatus(
      JarApp app, String path, int status, Duration within) throws Exception {
    long deadline = System.nanoTime() + within.toNanos();
    HttpResponse<String> last = app.get(app.port, path);
    while (last.statusCode() != status && System.nanoTime() < deadline) {
      Thread.sleep(50);
      last = app.get(app.port, path);
    }
    assertThat(last.statusCode()).as("%s within %s", path, within).isEqualTo(status);
    return last;
  }

  /** Jetty stops accepting once the drain period is over: new connections are refused. */
  private static void awaitRefused(JarApp app, Duration within) throws Exception {
    long deadline = System.nanoTime() + within.toNanos();
    while (System.nanoTime() < deadline) {
      try {
        app.get(app.port, "/health/live");
      } catch (IOException refused) {
        return;
      }
      Thread.sleep(50);
    }
    assertThatThrownBy(() -> app.get(app.port, "/health/live")).isInstanceOf(IOException.class);
  }

  private static long millisSince(long nanos) {
    return (System.nanoTime() - nanos) / 1_000_000;
  }
}
