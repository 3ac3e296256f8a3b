package dev.conduit.db;

import static dev.conduit.support.Fixtures.article;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import dev.conduit.support.Http;
import dev.conduit.support.Jar;
import dev.conduit.support.PgBouncer;
import dev.conduit.support.TestApp;
import dev.conduit.support.TestDatabase;
import dev.conduit.support.Users;
import dev.conduit.web.LogCapture;
import io.dropwizard.testing.ConfigOverride;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The service behind a real PgBouncer in transaction pooling mode, under 16 concurrent clients that
 * read and write. With {@code transactionPooler} on, not one request fails. With it off (pgjdbc's
 * server-side prepared statements), the same load fails with "prepared statement S_n does not
 * exist": the control that shows this test can see the problem. {@code db migrate} refuses the
 * pooler and runs on MIGRATION_DATABASE_URL.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PgBouncerIT {
  private static final int CLIENTS = 16;
  private static final int ROUNDS = 25;

  private PgBouncer bouncer;

  @BeforeAll
  void startPgBouncer() {
    bouncer = PgBouncer.start();
  }

  @AfterAll
  void stopPgBouncer() {
    if (bouncer != null) {
      bouncer.close();
    }
  }

  @Test
  void concurrentReadsAndWritesThroughTransactionPoolingAllSucceed() throws Exception {
    try (TestDatabase db = migrated()) {
      Load load = runLoad(db, "true", false);
      assertThat(load.failures()).as("failed requests").isEmpty();
      assertThat(load.ok().get()).isEqualTo(CLIENTS * (1 + ROUNDS * 5));
      try (var c = db.connect();
          var rs = c.createStatement().executeQuery("SELECT count(*) FROM articles")) {
        rs.next();
        assertThat(rs.getInt(1))
            .as("every acknowledged article is stored")
            .isEqualTo(CLIENTS * ROUNDS);
      }
    }
  }

  @Test
  void withServerSidePreparedStatementsTheSameLoadFails() throws Exception {
    try (TestDatabase db = migrated()) {
      Load load = runLoad(db, "false", true);
      assertThat(load.failures()).as("the problem this setting fixes").isNotEmpty();
      assertThat(load.errorsLogged())
          .as("the PostgreSQL error behind the failures")
          .anyMatch(m -> m.matches("(?s).*prepared statement \"S_\\d+\" does not exist.*"));
    }
  }

  @Test
  void dbMigrateRefusesThePoolerAndUsesTheDirectUrl() throws Exception {
    try (TestDatabase db = TestDatabase.postgres()) {
      String pooled = bouncer.url(db.name());
      var refused =
          Jar.run(
              Map.of("DATABASE_URL", pooled, "DATABASE_TRANSACTION_POOLER", "true"),
              "db",
              "migrate",
              "config.yml");
      assertThat(refused.exitCode()).isNotZero();
      assertThat(refused.output())
          .contains("the db commands need a direct connection", "set MIGRATION_DATABASE_URL");

      // Even unannounced, PgBouncer does not pass the migration's session settings through.
      var unannounced = Jar.run(Map.of("DATABASE_URL", pooled), "db", "migrate", "config.yml");
      assertThat(unannounced.exitCode()).isNotZero();
      assertThat(unannounced.output()).contains("unsupported startup parameter: options");

      var direct =
          Jar.run(
              Map.of(
                  "DATABASE_URL",
                  pooled,
                  "DATABASE_TRANSACTION_POOLER",
                  "true",
                  "MIGRATION_DATABASE_URL",
                  db.url()),
              "db",
              "migrate",
              "config.yml");
      assertThat(direct.exitCode()).as(direct.output()).isZero();
      try (var c = db.connect();
          var rs = c.getMetaData().getTables(null, "public", "comments", null)) {
        assertThat(rs.next()).as("migrated through the direct URL").isTrue();
      }
    }
  }

  /** A fresh database, migrated directly (never through the pooler). */
  private static TestDatabase migrated() {
    TestDatabase db = TestDatabase.postgres();
    var migrate = Jar.run(Map.of("DATABASE_URL", db.url()), "db", "migrate", "config.yml");
    assertThat(migrate.exitCode()).as(migrate.output()).isZero();
    return db;
  }

  private record Load(
      AtomicInteger ok, ConcurrentMap<String, Integer> failures, List<String> errorsLogged) {}

  /**
   * Each client registers, then per round: writes an article, lists articles, reads one, favorites
   * it, lists tags. Failures are counted by status and first words of the body.
   */
  private Load runLoad(TestDatabase db, String transactionPooler, boolean stopAtFirstFailure)
      throws Exception {
    Load load =
        new Load(new AtomicInteger(), new ConcurrentHashMap<>(), new CopyOnWriteArrayList<>());
    try (TestApp app =
            TestApp.startVia(
                bouncer.url(db.name()),
                db,
                ConfigOverride.config("database.transactionPooler", transactionPooler),
                ConfigOverride.config("database.migrateOnStart", "false"),
                ConfigOverride.config("database.maxSize", "16"));
        LogCapture logs = new LogCapture()) {
      ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
      try {
        List<Future<?>> clients = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
          int client = i;
          clients.add(pool.submit(() -> client(app, client, load, stopAtFirstFailure)));
        }
        for (Future<?> f : clients) {
          f.get(5, TimeUnit.MINUTES);
        }
      } finally {
        pool.shutdownNow();
      }
      for (ILoggingEvent e : logs.events()) {
        for (IThrowableProxy t = e.getThrowableProxy(); t != null; t = t.getCause()) {
          load.errorsLogged().add(String.valueOf(t.getMessage()));
        }
      }
    }
    return load;
  }

  private static void client(TestApp app, int client, Load load, boolean stopAtFirstFailure) {
    String name = "pooled" + client + "x" + System.nanoTime() % 100_000;
    Http.Reply registered = send(() -> app.http().post("/users", Users.registration(name)));
    if (!count(registered, load)) {
      return;
    }
    Http me = app.http().withToken(registered.json().at("/user/token").asText());
    for (int round = 0; round < ROUNDS; round++) {
      String title = name + " round " + round;
      Http.Reply created =
          send(
              () ->
                  me.post(
                      "/articles", article(title, "d", "b", List.of("t" + client % 4, "pooled"))));
      boolean ok = count(created, load);
      if (ok) {
        String slug = created.json().at("/article/slug").asText();
        ok &= count(send(() -> me.get("/articles?limit=5")), load);
        ok &= count(send(() -> me.get("/articles/" + slug)), load);
        ok &= count(send(() -> me.post("/articles/" + slug + "/favorite", Map.of())), load);
        ok &= count(send(() -> me.get("/tags")), load);
      }
      if (!ok && stopAtFirstFailure) {
        return;
      }
    }
  }

  /** A request; a transport failure (e.g. no answer in 30 s) becomes status 0. */
  private static Http.Reply send(java.util.function.Supplier<Http.Reply> request) {
    try {
      return request.get();
    } catch (RuntimeException e) {
      return new Http.Reply(0, null, e.getClass().getSimpleName());
    }
  }

  private static boolean count(Http.Reply reply, Load load) {
    if (reply.status() / 100 == 2) {
      load.ok().incrementAndGet();
      return true;
    }
    String body = reply.body();
    String key = reply.status() + " " + body.substring(0, Math.min(60, body.length()));
    load.failures().merge(key, 1, Integer::sum);
    return false;
  }
}
