package dev.conduit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conduit.support.Http;
import dev.conduit.support.Jar;
import dev.conduit.support.TestDatabase;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * config-prod.yml, run from the shaded jar: every secret and endpoint from the environment, a
 * one-line refusal naming the variable when one is missing or unsafe, Heroku's URL form, and no
 * migration on start-up.
 */
class ProductionConfigIT {
  static final String SECRET = "prod-test-secret-0123456789-abcdefghijklmnop";

  @Test
  void missingJwtSecretIsNamed() {
    var result =
        Jar.run(
            Map.of("DATABASE_URL", "postgres://u:p@127.0.0.1:5432/db"), "check", "config-prod.yml");
    assertThat(result.exitCode()).isNotZero();
    assertThat(result.output()).contains("JWT_SECRET").doesNotContain("Exception");
  }

  @Test
  void shortJwtSecretIsRefused() {
    var result =
        Jar.run(
            Map.of(
                "DATABASE_URL",
                "postgres://u:p@127.0.0.1:5432/db",
                "JWT_SECRET",
                "too-short-secret"),
            "check",
            "config-prod.yml");
    assertThat(result.exitCode()).isNotZero();
    assertThat(result.output()).contains("JWT_SECRET is missing or shorter than 32 bytes");
  }

  @Test
  void missingDatabaseUrlIsNamed() {
    var result = Jar.run(Map.of("JWT_SECRET", SECRET), "check", "config-prod.yml");
    assertThat(result.exitCode()).isNotZero();
    assertThat(result.output()).contains("DATABASE_URL is not set");
  }

  @Test
  void unsupportedOrEmbeddedDatabasesAreRefusedWithoutEchoingTheUrl() {
    var mysql =
        Jar.run(
            Map.of("JWT_SECRET", SECRET, "DATABASE_URL", "mysql://root:hunter2@db/x"),
            "check",
            "config-prod.yml");
    assertThat(mysql.exitCode()).isNotZero();
    assertThat(mysql.output()).contains("DATABASE_URL must start with").doesNotContain("hunter2");

    var h2 =
        Jar.run(
            Map.of("JWT_SECRET", SECRET, "DATABASE_URL", "jdbc:h2:mem:x"),
            "check",
            "config-prod.yml");
    assertThat(h2.exitCode()).isNotZero();
    assertThat(h2.output()).contains("DATABASE_URL must point at PostgreSQL");
  }

  @Test
  void herokuStyleUrlServesAndStartUpDoesNotMigrate() throws Exception {
    try (TestDatabase db = TestDatabase.postgres()) {
      Map<String, String> env = new HashMap<>();
      env.put("DATABASE_URL", herokuUrl(db));
      env.put("JWT_SECRET", SECRET);
      env.put("ALLOWED_HOSTS", "127.0.0.1");
      env.put("PORT", Integer.toString(Jar.freePort()));
      env.put("ADMIN_PORT", Integer.toString(Jar.freePort()));
      env.put("ADMIN_BIND", "127.0.0.1");

      // Production never migrates on start-up: the schema is still absent after the server is up.
      try (Jar server = Jar.start(env, "server", "config-prod.yml")) {
        server.awaitApi(env.get("PORT"));
        assertThat(tableExists(db, "users")).isFalse();
      }

      var migrate = Jar.run(env, "db", "migrate", "config-prod.yml");
      assertThat(migrate.exitCode()).as(migrate.output()).isZero();

      try (Jar server = Jar.start(env, "server", "config-prod.yml")) {
        Http http = server.awaitApi(env.get("PORT"));
        var reply =
            http.post(
                "/users",
                Map.of(
                    "user",
                    Map.of(
                        "username", "heroku", "email", "h@example.com", "password", "password1")));
        assertThat(reply.status()).isEqualTo(201);
        assertThat(server.output()).doesNotContain(SECRET);
      }
    }
  }

  @Test
  void jdbcDatabaseUrlWinsOverDatabaseUrl() throws Exception {
    try (TestDatabase db = TestDatabase.postgres()) {
      Map<String, String> env = new HashMap<>();
      env.put("JDBC_DATABASE_URL", db.url());
      env.put("DATABASE_URL", "postgres://nobody:wrong@127.0.0.1:1/nothing");
      env.put("JWT_SECRET", SECRET);
      env.put("ALLOWED_HOSTS", "127.0.0.1");
      env.put("PORT", Integer.toString(Jar.freePort()));
      env.put("ADMIN_PORT", Integer.toString(Jar.freePort()));
      env.put("ADMIN_BIND", "127.0.0.1");

      var migrate = Jar.run(env, "db", "migrate", "config-prod.yml");
      assertThat(migrate.exitCode()).as(migrate.output()).isZero();
      assertThat(tableExists(db, "users")).isTrue();
    }
  }

  /** postgres://user:pass@host:port/db, built from the JDBC URL scripts/test provides. */
  static String herokuUrl(TestDatabase db) {
    URI uri = URI.create(db.url().substring("jdbc:".length()));
    Map<String, String> params = new HashMap<>();
    for (String pair : uri.getQuery().split("&")) {
      String[] kv = pair.split("=", 2);
      params.put(kv[0], kv[1]);
    }
    return "postgres://"
        + params.get("user")
        + ":"
        + params.get("password")
        + "@"
        + uri.getHost()
        + ":"
        + uri.getPort()
        + uri.getPath();
  }

  static boolean tableExists(TestDatabase db, String table) throws Exception {
    try (var c = db.connect();
        var rs = c.getMetaData().getTables(null, "public", table, null)) {
      return rs.next();
    }
  }
}
