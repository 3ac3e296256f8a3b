package dev.conduit.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.conduit.support.Http;
import dev.conduit.support.Jar;
import dev.conduit.support.TestDatabase;
import dev.conduit.support.Users;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * SIGTERM against the real jar on PostgreSQL: readiness turns 503 while the service still serves
 * (during the drain period, not after it), the service keeps serving through the drain period, a
 * request still running when Jetty stops accepting completes with 200, and the process exits 0
 * within drain + grace. Ordering is asserted, not speed: a shared machine may be slow.
 *
 * <p>The slow request is a real one made slow by the database: the test holds an exclusive lock on
 * {@code users}, so the login's SELECT waits for it. No test-only endpoint exists in the app.
 */
class GracefulShutdownIT {
  private static final Duration DRAIN = Duration.ofSeconds(3);
  private static final Duration GRACE = Duration.ofSeconds(10);
  private static final String PASSWORD = "correct horse battery";

  @Test
  void sigtermDrainsFinishesInFlightRequestsAndExitsZero() throws Exception {
    try (TestDatabase db = TestDatabase.postgres();
        Jar app =
            Jar.server("config.yml")
                .env("DATABASE_URL", db.url())
                .prop("ops.drainPeriod", DRAIN.toSeconds() + "s")
                .prop("server.shutdownGracePeriod", GRACE.toSeconds() + "s")
                .start("graceful-shutdown")) {
      Http api = app.http();
      Http root = app.root();
      Users.register(api, "drainer", Users.email("drainer"), PASSWORD);
      assertThat(root.get("/health/ready").status()).isEqualTo(200);

      long sigterm;
      try (Connection lock = DriverManager.getConnection(db.url())) {
        lock.setAutoCommit(false);
        try (Statement s = lock.createStatement()) {
          s.execute("LOCK TABLE users IN ACCESS EXCLUSIVE MODE");
        }
        CompletableFuture<Http.Reply> slow =
            CompletableFuture.supplyAsync(
                () -> api.post("/users/login", Users.login(Users.email("drainer"), PASSWORD)));
        await("the login request waits on the locked table")
            .atMost(Duration.ofSeconds(20))
            .until(() -> waitingOnLocks(lock) > 0);

        sigterm = System.nanoTime();
        app.terminate();

        // Readiness flips first; liveness and the API still answer afterwards, so the flip
        // happened inside the drain period, before Jetty stopped accepting.
        Http.Reply ready =
            await("readiness after SIGTERM")
                .atMost(DRAIN.plus(GRACE))
                .until(() -> root.get("/health/ready"), r -> r.status() == 503);
        assertThat(ready.body()).contains("\"reason\":\"draining\"");
        assertThat(root.get("/health/live").status()).isEqualTo(200);
        assertThat(api.get("/users/nobody").status()).isEqualTo(404);

        // It keeps answering for the whole drain period, then Jetty stops accepting; the slow
        // request is still in flight (the lock holds it).
        await("the port closes after the drain period")
            .atMost(DRAIN.plus(GRACE))
            .pollInterval(Duration.ofMillis(50))
            .until(() -> refused(root));
        long closedAfter = millisSince(sigterm);
        System.out.printf("drain: port closed %d ms after SIGTERM%n", closedAfter);
        assertThat(closedAfter).isGreaterThanOrEqualTo(DRAIN.toMillis());
        assertThat(app.isAlive()).isTrue();
        assertThat(slow).isNotDone();

        lock.commit(); // the login's query proceeds
        Http.Reply response = slow.get(GRACE.toSeconds(), TimeUnit.SECONDS);
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).contains("\"username\":\"drainer\"");
      }

      assertThat(app.exitsWithin(DRAIN.plus(GRACE))).as("exited within drain + grace").isTrue();
      System.out.printf("drain: exited %d after %d ms%n", app.exitValue(), millisSince(sigterm));
      assertThat(app.exitValue()).as("exit code; log:\n%s", app.tail()).isZero();
    }
  }

  /** Sessions waiting for a lock (the test's connection holds the only one). */
  private static int waitingOnLocks(Connection lock) throws Exception {
    try (Statement s = lock.createStatement();
        ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_locks WHERE NOT granted")) {
      rs.next();
      return rs.getInt(1);
    }
  }

  /** Jetty stops accepting once the drain period is over: new connections are refused. */
  private static boolean refused(Http root) {
    try {
      root.get("/health/live");
      return false;
    } catch (UncheckedIOException refused) {
      return true;
    }
  }

  private static long millisSince(long nanos) {
    return (System.nanoTime() - nanos) / 1_000_000;
  }
}
