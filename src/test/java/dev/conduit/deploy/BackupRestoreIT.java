package dev.conduit.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.conduit.support.Fixtures;
import dev.conduit.support.Http;
import dev.conduit.support.Jar;
import dev.conduit.support.Users;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * RUNBOOK.md's backup and restore, for real: scripts/backup dumps a live database (custom format),
 * scripts/restore loads it into a fresh database, and the service started on the copy serves the
 * same data to the same credentials and tokens.
 */
class BackupRestoreIT {
  private static final String SECRET = ThrowAwayPostgres.randomHex(32);

  @Test
  void aRestoredBackupServesTheSameAccounts() throws Exception {
    Path dir = Files.createTempDirectory("conduit-backup-");
    Path dump = dir.resolve("conduit.dump");
    try (ThrowAwayPostgres source = ThrowAwayPostgres.create()) {
      Map<String, JsonNode> before = new LinkedHashMap<>();
      Map<String, JsonNode> content = new LinkedHashMap<>();
      List<String> slugList = new ArrayList<>();
      Map<String, String> tokens = new LinkedHashMap<>();
      try (Running app = Running.migrateAndStart(source)) {
        Http http = app.http();
        for (String name : List.of("ann", "bob", "cyd")) {
          String token = Users.register(http, name);
          var update = http.withToken(token).put("/user", Users.update("bio", "I am " + name));
          assertThat(update.status()).as("%s", update).isEqualTo(200);
          tokens.put(name, token);
          before.put(name, http.withToken(token).get("/user").json().path("user"));
        }
        // Content: an article each (with tags), a comment, a favorite and a follow.
        List<String> slugs = new ArrayList<>();
        for (String name : tokens.keySet()) {
          var created =
              http.withToken(tokens.get(name))
                  .post(
                      "/articles",
                      Fixtures.article(
                          "Backups by " + name,
                          "what " + name + " keeps",
                          "Dump, restore, verify. " + name,
                          List.of("ops", name)));
          assertThat(created.status()).as("%s", created).isEqualTo(201);
          slugs.add(created.json().at("/article/slug").asText());
        }
        Http ann = http.withToken(tokens.get("ann"));
        assertThat(
                ann.post(
                        "/articles/" + slugs.get(1) + "/comments",
                        Fixtures.comment("Restored fine?"))
                    .status())
            .isEqualTo(200);
        assertThat(ann.post("/articles/" + slugs.get(1) + "/favorite", null).status())
            .isEqualTo(200);
        assertThat(ann.post("/profiles/bob/follow", null).status()).isEqualTo(200);
        content.putAll(content(ann, slugs));
        slugList.addAll(slugs);

        // Backed up while the service runs: pg_dump takes one consistent snapshot.
        Shell.Result backup =
            Shell.run("scripts/backup " + dump, pgEnv(source), Duration.ofMinutes(2));
        assertThat(backup.exitCode()).as(backup.output()).isZero();
        assertThat(Files.size(dump)).isPositive();
        assertThat(Files.readAllBytes(dump)).startsWith("PGDMP".getBytes());
      }

      try (ThrowAwayPostgres copy = source.sibling()) {
        Shell.Result restore =
            Shell.run("scripts/restore " + dump, pgEnv(copy), Duration.ofMinutes(2));
        assertThat(restore.exitCode()).as(restore.output()).isZero();
        assertThat(rowCounts(copy)).isEqualTo(rowCounts(source));

        // Restoring over data is refused unless asked for explicitly.
        Shell.Result again =
            Shell.run("scripts/restore " + dump, pgEnv(copy), Duration.ofMinutes(2));
        assertThat(again.exitCode()).isNotZero();
        assertThat(again.output()).contains("--clean");

        try (Running app = Running.start(copy)) {
          Http http = app.http();
          for (var e : before.entrySet()) {
            String name = e.getKey();
            Users.logIn(http, Users.email(name), Users.password(name));
            var current = http.withToken(tokens.get(name)).get("/user");
            assertThat(current.status()).isEqualTo(200);
            assertThat(current.json().path("user")).isEqualTo(e.getValue());
          }
          // The same articles, tags, comments, favorites and follows, timestamps included.
          assertThat(content(http.withToken(tokens.get("ann")), slugList)).isEqualTo(content);
        }
      }
    } finally {
      Files.deleteIfExists(dump);
      Files.deleteIfExists(dir);
    }
  }

  /** What ann sees: the article list (favorited/following flags), tags, each comment thread. */
  static Map<String, JsonNode> content(Http as, List<String> slugs) {
    Map<String, JsonNode> seen = new LinkedHashMap<>();
    seen.put("articles", as.get("/articles").json());
    seen.put("feed", as.get("/articles/feed").json());
    seen.put("tags", as.get("/tags").json());
    for (String slug : slugs) {
      seen.put(slug, as.get("/articles/" + slug).json());
      seen.put(slug + "/comments", as.get("/articles/" + slug + "/comments").json());
    }
    assertThat(seen.get("articles").path("articlesCount").asInt()).isEqualTo(slugs.size());
    return seen;
  }

  /** Rows per table of the public schema (the Liquibase changelog included). */
  static Map<String, Long> rowCounts(ThrowAwayPostgres db) throws Exception {
    Map<String, Long> counts = new LinkedHashMap<>();
    try (Connection c = db.connect()) {
      List<String> tables = new ArrayList<>();
      try (ResultSet rs =
          c.createStatement()
              .executeQuery(
                  "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename")) {
        while (rs.next()) {
          tables.add(rs.getString(1));
        }
      }
      for (String t : tables) {
        try (ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM " + t)) {
          rs.next();
          counts.put(t, rs.getLong(1));
        }
      }
    }
    assertThat(counts).containsKey("users");
    return counts;
  }

  /** The scripts read DATABASE_URL from the environment (never a password on a command line). */
  static Map<String, String> pgEnv(ThrowAwayPostgres db) {
    Map<String, String> env = new HashMap<>();
    env.put("DATABASE_URL", db.platformUrl());
    String bin = System.getenv("TEST_PG_BIN");
    if (bin != null && !bin.isBlank()) {
      env.put("PG_BIN", bin);
    }
    return env;
  }

  /** The shaded jar serving config-prod.yml on random loopback ports. */
  record Running(Jar jar, int port) implements AutoCloseable {
    static Running migrateAndStart(ThrowAwayPostgres db) {
      var migrate = Jar.run(env(db, Jar.freePort()), "db", "migrate", "config-prod.yml");
      assertThat(migrate.exitCode()).as(migrate.output()).isZero();
      return start(db);
    }

    static Running start(ThrowAwayPostgres db) {
      int port = Jar.freePort();
      Jar jar = Jar.start(env(db, port), "server", "config-prod.yml");
      Liveness.await(
          () -> Liveness.isUp(port),
          jar::isAlive,
          Duration.ofSeconds(90),
          () -> "service:\n" + jar.output());
      return new Running(jar, port);
    }

    static Map<String, String> env(ThrowAwayPostgres db, int port) {
      return Map.of(
          "DATABASE_URL",
          db.platformUrl(),
          "JWT_SECRET",
          SECRET,
          "PORT",
          String.valueOf(port),
          "ADMIN_PORT",
          String.valueOf(Jar.freePort()),
          "ADMIN_BIND",
          "127.0.0.1",
          "BCRYPT_COST",
          "4",
          "ALLOWED_HOSTS",
          "127.0.0.1,localhost");
    }

    Http http() {
      return new Http("http://127.0.0.1:" + port + "/api");
    }

    @Override
    public void close() {
      jar.terminate();
      jar.waitFor(Duration.ofSeconds(60));
      jar.close();
    }
  }
}
