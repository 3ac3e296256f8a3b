package dev.conduit.db;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conduit.ops.SchemaVersion;
import dev.conduit.support.Await;
import dev.conduit.support.Jar;
import dev.conduit.support.TestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code db migrate} behind a long transaction. Without a lock timeout the DDL would wait for that
 * transaction, and every query on the table would queue behind the DDL: the API stalls. With it,
 * the migration gives up after {@code MIGRATION_LOCK_TIMEOUT} with a clear message, traffic flows
 * again while the long transaction is still open, and the same migration succeeds later.
 */
class MigrationLockTimeoutIT {

  @Test
  void aMigrationBehindALongTransactionGivesUpInsteadOfBlockingTraffic() throws Exception {
    try (TestDatabase db = TestDatabase.postgres()) {
      Map<String, String> env = Map.of("DATABASE_URL", db.url(), "MIGRATION_LOCK_TIMEOUT", "2s");
      assertThat(Jar.run(env, "db", "migrate", "config.yml").exitCode()).isZero();
      long author = insertUser(db, "author");
      // Pending again from 0006-comments on (the first five files hold one changeset each):
      // creating comments, with a foreign key to articles, needs a lock that conflicts with
      // writes on articles.
      int fromComments = SchemaVersion.fromChangelog().expectedCount() - 5;
      var rollback =
          Jar.run(env, "db", "rollback", "--count", Integer.toString(fromComments), "config.yml");
      assertThat(rollback.exitCode()).as(rollback.output()).isZero();

      try (Connection longTransaction = db.connect()) {
        longTransaction.setAutoCommit(false);
        insertArticle(longTransaction, author, "held");

        try (Jar migrate = Jar.start(env, "db", "migrate", "config.yml")) {
          awaitMigrationWaitingForLock(db, migrate);
          // Traffic arrives while the migration waits: a write on the same table.
          CompletableFuture<Void> traffic =
              CompletableFuture.runAsync(
                  () -> {
                    try (Connection c = db.connect()) {
                      c.setAutoCommit(false);
                      // Far longer than the migration's lock timeout: it is the migration that
                      // must give way, not the request.
                      c.createStatement().execute("SET LOCAL lock_timeout = '60s'");
                      insertArticle(c, author, "traffic");
                      c.commit();
                    } catch (Exception e) {
                      throw new IllegalStateException(e);
                    }
                  });

          int code = migrate.waitFor(Duration.ofMinutes(2));
          assertThat(code).as(migrate.output()).isNotZero();
          assertThat(migrate.output()).contains("canceling statement due to lock timeout");

          traffic.get(90, TimeUnit.SECONDS);
          assertThat(longTransaction.isClosed()).isFalse();
        }
        assertThat(tableExists(db, "comments")).isFalse();
        longTransaction.rollback();
      }

      var retry = Jar.run(env, "db", "migrate", "config.yml");
      assertThat(retry.exitCode()).as(retry.output()).isZero();
      assertThat(tableExists(db, "comments")).isTrue();
    }
  }

  private static void awaitMigrationWaitingForLock(TestDatabase db, Jar migrate) throws Exception {
    try (Connection c = db.connect()) {
      Await.untilUp(
          "db migrate waiting for the lock",
          Duration.ofSeconds(90),
          () -> {
            var rs =
                c.createStatement()
                    .executeQuery(
                        "SELECT count(*) FROM pg_stat_activity WHERE application_name ="
                            + " 'conduit-migrate' AND wait_event_type = 'Lock'");
            rs.next();
            return rs.getInt(1) > 0;
          },
          migrate::isAlive,
          migrate::output);
    }
  }

  private static long insertUser(TestDatabase db, String name) throws Exception {
    try (Connection c = db.connect();
        Statement s = c.createStatement()) {
      var rs =
          s.executeQuery(
              "INSERT INTO users (username, email, password_hash, created_at, updated_at)"
                  + " VALUES ('"
                  + name
                  + "', '"
                  + name
                  + "@example.com', 'x', now(), now()) RETURNING id");
      rs.next();
      return rs.getLong(1);
    }
  }

  private static void insertArticle(Connection c, long author, String slug) throws Exception {
    c.createStatement()
        .execute(
            "INSERT INTO articles (slug, title, description, body, author_id, created_at,"
                + " updated_at) VALUES ('"
                + slug
                + "', 't', 'd', 'b', "
                + author
                + ", now(), now())");
  }

  private static boolean tableExists(TestDatabase db, String table) throws Exception {
    try (Connection c = DriverManager.getConnection(db.url());
        var rs = c.getMetaData().getTables(null, "public", table, new String[] {"TABLE"})) {
      return rs.next();
    }
  }
}
