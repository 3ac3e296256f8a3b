package dev.conduit.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.conduit.support.Http;
import dev.conduit.support.Http.Reply;
import dev.conduit.support.TestApp;
import dev.conduit.support.TestDatabase;
import dev.conduit.support.Users;
import io.dropwizard.testing.ConfigOverride;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Failure drill: every pooled connection held. A side connection locks the articles table (as a
 * long migration or a stuck transaction would); as many article reads as the pool has connections
 * then each hold one, waiting for the lock. Meanwhile every other API request waits at most the
 * configured {@code maxWaitForConnection} for a connection and answers 503 with {@code
 * Retry-After}; none hangs, liveness stays 200, and the requests stuck behind the lock end by the
 * socket timeout. Once the lock goes, the service recovers by itself: no restart, the pool drains
 * back to idle.
 */
class PoolExhaustionIT {
  private static final int POOL = 4;
  private static final Duration WAIT = Duration.ofSeconds(2);

  /** Long enough for the probes below to run while the pool is still held, even on a slow box. */
  private static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(20);

  /** Generous slack over a configured bound: the machine running the tests is shared. */
  private static final Duration SLACK = Duration.ofSeconds(10);

  @Test
  void withEveryConnectionHeldRequestsGet503InTimeAndTheServiceRecovers() throws Exception {
    ExecutorService clients = Executors.newCachedThreadPool();
    try (TestDatabase db = TestDatabase.postgres();
        TestApp app =
            TestApp.start(
                db,
                ConfigOverride.config("database.initialSize", "2"),
                ConfigOverride.config("database.minSize", "2"),
                ConfigOverride.config("database.maxSize", Integer.toString(POOL)),
                ConfigOverride.config("database.maxWaitForConnection", WAIT.toSeconds() + "s"),
                ConfigOverride.config(
                    "database.properties.socketTimeout",
                    Long.toString(SOCKET_TIMEOUT.toSeconds())));
        Connection locker = db.connect();
        // Autocommit: in the locker's open transaction pg_stat_activity would be a snapshot.
        Connection observer = db.connect()) {
      String token = app.register("holder");
      Http api = app.http();
      assertThat(api.withToken(token).post("/articles", article()).status()).isEqualTo(201);

      // Hold the lock in an open transaction; reads of articles now wait for it.
      locker.setAutoCommit(false);
      try (Statement s = locker.createStatement()) {
        s.execute("LOCK TABLE articles IN ACCESS EXCLUSIVE MODE");
      }
      List<CompletableFuture<Timed>> held = new ArrayList<>();
      for (int i = 0; i < POOL; i++) {
        held.add(timed(clients, () -> api.get("/articles")));
      }
      awaitWaitingOnLock(observer, POOL, held);

      // Every pooled connection is now held. Other requests, of any kind, side by side:
      List<CompletableFuture<Timed>> probes = new ArrayList<>();
      probes.add(timed(clients, () -> api.get("/tags")));
      probes.add(timed(clients, () -> api.get("/profiles/holder")));
      probes.add(timed(clients, () -> api.withToken(token).get("/user")));
      probes.add(
          timed(
              clients,
              () ->
                  api.post(
                      "/users/login",
                      Users.login(Users.email("holder"), Users.password("holder")))));
      probes.add(timed(clients, () -> api.withToken(token).post("/articles", article())));
      for (CompletableFuture<Timed> probe : probes) {
        Timed t = probe.get(WAIT.plus(SLACK).toSeconds() + 5, TimeUnit.SECONDS);
        System.out.printf("pool-drill: probe answered %d in %d ms%n", t.reply.status(), t.millis);
        assertThat(t.reply.status()).as(t.reply.toString()).isEqualTo(503);
        assertThat(t.reply.header("Retry-After")).isEqualTo("5");
        assertThat(t.reply.body())
            .isEqualTo("{\"errors\":{\"database\":[\"is unavailable, try again shortly\"]}}");
        assertThat(Duration.ofMillis(t.millis))
            .as("waited for a connection for the configured time, then gave up")
            .isGreaterThanOrEqualTo(WAIT.minusMillis(100))
            .isLessThan(WAIT.plus(SLACK));
      }
      assertThat(held).as("the lock is still held").noneMatch(CompletableFuture::isDone);
      assertThat(new Http(app.appRoot()).get("/health/live").status()).isEqualTo(200);

      // The requests holding the connections end too: by the socket timeout, as 503.
      for (CompletableFuture<Timed> h : held) {
        Timed t = h.get(SOCKET_TIMEOUT.plus(SLACK).toSeconds() + 5, TimeUnit.SECONDS);
        System.out.printf(
            "pool-drill: held request answered %d in %d ms%n", t.reply.status(), t.millis);
        assertThat(t.reply.status()).isEqualTo(503);
        assertThat(t.reply.header("Retry-After")).isEqualTo("5");
        assertThat(Duration.ofMillis(t.millis)).isLessThan(SOCKET_TIMEOUT.plus(SLACK));
      }

      // The lock goes away; the service recovers by itself.
      locker.rollback();
      long start = System.nanoTime();
      Reply list = awaitStatus(() -> api.get("/articles"), 200, Duration.ofSeconds(30));
      System.out.printf(
          "pool-drill: serving again %d ms after the lock was released%n",
          (System.nanoTime() - start) / 1_000_000);
      assertThat(list.json().get("articlesCount").asInt()).isEqualTo(1);
      awaitStatus(() -> new Http(app.appRoot()).get("/health/ready"), 200, Duration.ofSeconds(30));
      for (int i = 0; i < 3 * POOL; i++) {
        assertThat(api.get("/tags").status()).isEqualTo(200);
      }
      assertThat(api.withToken(token).post("/articles", article()).status()).isEqualTo(201);
      Reply health =
          awaitStatus(
              () -> new Http(app.adminUrl()).get("/healthcheck"), 200, Duration.ofSeconds(30));
      assertThat(health.json().at("/pool/healthy").asBoolean()).isTrue();
      assertThat(health.json().at("/pool/active").asInt()).isLessThanOrEqualTo(1);
    } finally {
      clients.shutdownNow();
    }
  }

  private record Timed(Reply reply, long millis) {}

  private static CompletableFuture<Timed> timed(ExecutorService on, Supplier<Reply> request) {
    return CompletableFuture.supplyAsync(
        () -> {
          long t = System.nanoTime();
          Reply r = request.get();
          return new Timed(r, (System.nanoTime() - t) / 1_000_000);
        },
        on);
  }

  private static Map<String, Object> article() {
    return Map.of(
        "article",
        Map.of(
            "title",
            "Pool drill " + System.nanoTime(),
            "description",
            "d",
            "body",
            "b",
            "tagList",
            List.of("drill")));
  }

  /** Until {@code n} sessions of this database wait on a lock (at most 30 s). */
  private static void awaitWaitingOnLock(Connection c, int n, List<CompletableFuture<Timed>> held) {
    await("requests waiting on the lock")
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(50))
        .untilAsserted(
            () ->
                assertThat(waitingOnLock(c))
                    .as(
                        "requests waiting on the lock (requests: %s)",
                        held.stream().map(f -> f.getNow(null)).toList())
                    .isGreaterThanOrEqualTo(n));
  }

  private static int waitingOnLock(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                """
                SELECT count(*) FROM pg_stat_activity
                WHERE datname = current_database() AND wait_event_type = 'Lock'""")) {
      rs.next();
      return rs.getInt(1);
    }
  }

  private static Reply awaitStatus(Supplier<Reply> request, int status, Duration within) {
    return await("status " + status)
        .atMost(within)
        .pollInterval(Duration.ofMillis(200))
        .until(request::get, reply -> reply.status() == status);
  }
}
