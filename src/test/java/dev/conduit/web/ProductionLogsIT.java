package dev.conduit.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.conduit.support.Http;
import dev.conduit.support.Jar;
import dev.conduit.support.TestDatabase;
import dev.conduit.support.Users;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The shaded jar with config-prod.yml against a throw-away PostgreSQL, every secret set: the logs
 * of a migration, a start-up and a register/login/update/bad-login flow are JSON lines (access and
 * application) with the fields operators query, and contain no secret at any point.
 */
class ProductionLogsIT {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String JWT_SECRET = "jwt-secret-for-the-log-scan-" + UUID.randomUUID();
  static final String ADMIN_PASSWORD = "admin-password-for-the-log-scan-" + UUID.randomUUID();

  @Test
  void logsAreJsonLinesWithoutSecrets() throws Exception {
    String role = "edge_logs_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    String dbPassword = "db-password-" + UUID.randomUUID();
    try (TestDatabase db = TestDatabase.postgres()) {
      // A role whose password is distinctive enough to search for (the shared one is "conduit").
      superuser(
          "CREATE ROLE " + role + " LOGIN PASSWORD '" + dbPassword + "'",
          "ALTER DATABASE " + db.name() + " OWNER TO " + role);
      try {
        run(db, role, dbPassword);
      } finally {
        superuser("DROP DATABASE IF EXISTS " + db.name() + " WITH (FORCE)", "DROP ROLE " + role);
      }
    }
  }

  private void run(TestDatabase db, String role, String dbPassword) throws Exception {
    String port = Integer.toString(Jar.freePort());
    Map<String, String> env = new HashMap<>();
    env.put(
        "DATABASE_URL",
        "postgres://" + role + ":" + dbPassword + "@127.0.0.1:" + pgPort(db) + "/" + db.name());
    env.put("JWT_SECRET", JWT_SECRET);
    env.put("ADMIN_PASSWORD", ADMIN_PASSWORD);
    env.put("ALLOWED_HOSTS", "127.0.0.1");
    env.put("PORT", port);
    env.put("ADMIN_PORT", Integer.toString(Jar.freePort()));
    env.put("ADMIN_BIND", "127.0.0.1");
    // Our own code at its most talkative; third-party DEBUG (Jetty's header dumps) stays off.
    env.put("APP_LOG_LEVEL", "DEBUG");

    var migrate = Jar.run(env, "db", "migrate", "config-prod.yml");
    assertThat(migrate.exitCode()).as(migrate.output()).isZero();

    List<String> secrets = new ArrayList<>(List.of(JWT_SECRET, ADMIN_PASSWORD, dbPassword));
    String serverLog;
    try (Jar server = Jar.start(env, "server", "config-prod.yml")) {
      Http http = server.awaitApi(port).withHeader("X-Request-Id", "log-scan-1");
      String password = "first-password-" + UUID.randomUUID();
      String newPassword = "second-password-" + UUID.randomUUID();
      String wrongPassword = "wrong-password-" + UUID.randomUUID();
      secrets.addAll(List.of(password, newPassword, wrongPassword));

      var registered =
          http.post("/users", Users.registration("logscan", "logscan@example.com", password));
      assertThat(registered.status()).isEqualTo(201);
      secrets.add(registered.json().at("/user/token").asText());

      var login =
          http.withHeader("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")
              .post("/users/login", Users.login("logscan@example.com", password));
      assertThat(login.status()).isEqualTo(200);
      String token = login.json().at("/user/token").asText();
      secrets.add(token);

      var updated = http.withToken(token).put("/user", Users.update("password", newPassword));
      assertThat(updated.status()).isEqualTo(200);
      // A new password revokes earlier tokens; the response carries the one to use now.
      String newToken = updated.json().at("/user/token").asText();
      secrets.add(newToken);
      assertThat(http.withToken(newToken).get("/user").status()).isEqualTo(200);

      failurePaths(http, db, token, newToken, secrets);

      // Bad logins until the limiter steps in (a burst of 5, refilled at 5 per minute per IP in
      // production). The calls above drew on the same bucket, and a slow machine lets it refill
      // meanwhile, so how many it takes depends on speed: the bound only stops a broken limiter.
      int status = 0;
      for (int i = 0; i < 20 && status != 429; i++) {
        status =
            http.post("/users/login", Users.login("logscan@example.com", wrongPassword)).status();
      }
      assertThat(status).isEqualTo(429);

      server.terminate();
      server.waitFor(Duration.ofSeconds(30));
      serverLog = server.output();
    }

    String all = migrate.output() + serverLog;
    secrets.addAll(storedHashes(db));
    for (String secret : secrets) {
      assertThat(all).as("logs must not contain a secret").doesNotContain(secret);
    }
    assertThat(all)
        .as("no bcrypt hash, whosever")
        .doesNotContainPattern("\\$2[abxy]?\\$\\d{2}\\$[./A-Za-z0-9]{20}");
    assertThat(all)
        .as("the failure paths were logged (the database error at ERROR)")
        .contains("forced failure for the log scan");
    assertThat(all).doesNotContainIgnoringCase("authorization").doesNotContain("Token ey");

    List<JsonNode> lines = new ArrayList<>();
    for (String line : serverLog.split("\n")) {
      if (isLogbackStatusLine(line) || line.isBlank()) {
        continue;
      }
      assertThat(line).as("every log line is a JSON object").startsWith("{");
      lines.add(JSON.readTree(line));
    }

    JsonNode register = find(lines, "POST", "/api/users", 201);
    assertThat(Instant.parse(register.path("timestamp").asText()))
        .as("an ISO-8601 instant in UTC")
        .isBetween(Instant.now().minus(Duration.ofMinutes(10)), Instant.now());
    assertThat(register.path("durationMs").isNumber()).isTrue();
    assertThat(register.path("responseBytes").asLong()).isPositive();
    assertThat(register.path("clientIp").asText()).isEqualTo("127.0.0.1");
    assertThat(register.at("/response/X-Request-Id").asText()).isEqualTo("log-scan-1");

    JsonNode limited =
        lines.stream()
            .filter(l -> l.path("message").asText().startsWith("Rate limit exceeded"))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no rate-limit log line in:\n" + serverLog));
    assertThat(limited.path("level").asText()).isEqualTo("INFO");
    assertThat(limited.path("logger").asText()).endsWith("RateLimitFilter");
    assertThat(limited.path("requestId").asText()).isEqualTo("log-scan-1");
    assertThat(limited.path("clientIp").asText()).isEqualTo("127.0.0.1");
    assertThat(Instant.parse(limited.path("timestamp").asText()))
        .isBetween(Instant.now().minus(Duration.ofMinutes(10)), Instant.now());
  }

  /**
   * The failure paths a log must survive: a database error in a statement that carries a password
   * hash and an email, hostile input, and bad tokens (revoked, tampered, garbage). Adds the values
   * the logs must not show to {@code secrets}.
   */
  private static void failurePaths(
      Http http, TestDatabase db, String revokedToken, String token, List<String> secrets)
      throws Exception {
    String thirdPassword = "third-password-" + UUID.randomUUID();
    String movedEmail = "moved-logscan-" + UUID.randomUUID() + "@example.com";
    secrets.addAll(List.of(thirdPassword, movedEmail, "logscan@example.com"));
    var me = http.withToken(token);

    // A database error: a trigger refuses this one update, whose statement binds the new hash
    // and the new email. Jdbi's default message would list both.
    superuserOn(
        db,
        """
        CREATE FUNCTION refuse_for_log_scan() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF NEW.bio = 'make-the-database-fail' THEN
            RAISE EXCEPTION 'forced failure for the log scan';
          END IF;
          RETURN NEW;
        END $$""",
        "CREATE TRIGGER refuse_for_log_scan BEFORE UPDATE ON users"
            + " FOR EACH ROW EXECUTE FUNCTION refuse_for_log_scan()");
    var failed =
        me.put(
            "/user",
            Map.of(
                "user",
                Map.of(
                    "bio", "make-the-database-fail",
                    "password", thirdPassword,
                    "email", movedEmail)));
    assertThat(failed.status()).as(failed.toString()).isEqualTo(500);
    assertThat(failed.body()).doesNotContain("forced failure");

    // Hostile input: NUL and escape characters, invalid UTF-8, wrong types.
    assertThat(
            me.put("/user", Map.of("user", Map.of("bio", "a\u0000b", "email", movedEmail)))
                .status())
        .isEqualTo(422);
    assertThat(me.put("/user", Map.of("user", Map.of("email", movedEmail + "\u001b"))).status())
        .isEqualTo(422);
    assertThat(
            me.put("/user", "{\"user\": {\"email\": 12, \"password\": \"" + thirdPassword + "\"}}")
                .status())
        .isEqualTo(422);
    assertThat(me.put("/user", "{\"user\": {\"password\": \"" + thirdPassword + "\", ").status())
        .isEqualTo(400);

    // Bad tokens: revoked by the password change, tampered, garbage.
    assertThat(http.withToken(revokedToken).get("/user").status()).isEqualTo(401);
    assertThat(http.withToken(token + "x").get("/user").status()).isEqualTo(401);
    assertThat(
            http.withToken("garbage")
                .put("/user", Users.update("password", thirdPassword))
                .status())
        .isEqualTo(401);
  }

  private static List<String> storedHashes(TestDatabase db) throws Exception {
    try (Connection c = DriverManager.getConnection(superuserUrl(db));
        var rs = c.createStatement().executeQuery("SELECT password_hash FROM users")) {
      List<String> hashes = new ArrayList<>();
      while (rs.next()) {
        hashes.add(rs.getString(1));
      }
      assertThat(hashes).isNotEmpty();
      return hashes;
    }
  }

  private static void superuserOn(TestDatabase db, String... statements) throws Exception {
    execute(superuserUrl(db), statements);
  }

  /** The superuser URL of scripts/test, pointed at the test's database instead of postgres. */
  private static String superuserUrl(TestDatabase db) {
    return TestDatabase.superuserUrl().replaceFirst("/postgres\\?", "/" + db.name() + "?");
  }

  private static JsonNode find(List<JsonNode> lines, String method, String path, int status) {
    return lines.stream()
        .filter(
            l ->
                method.equals(l.path("method").asText())
                    && path.equals(l.path("path").asText())
                    && l.path("status").asInt() == status)
        .findFirst()
        .orElseThrow(
            () ->
                new AssertionError("no access log line for " + method + " " + path + ": " + lines));
  }

  /** Logback's own start-up notes ("06:08:04,638 |-WARN in ..."), printed before any layout. */
  private static boolean isLogbackStatusLine(String line) {
    return line.matches("^\\d{2}:\\d{2}:\\d{2},\\d{3} \\|-.*");
  }

  private static int pgPort(TestDatabase db) {
    String url = db.url();
    int hostStart = url.indexOf("//") + 2;
    int colon = url.indexOf(':', hostStart);
    int slash = url.indexOf('/', hostStart);
    return Integer.parseInt(url.substring(colon + 1, slash));
  }

  private static void superuser(String... statements) throws Exception {
    execute(TestDatabase.superuserUrl(), statements);
  }

  private static void execute(String url, String... statements) throws Exception {
    try (Connection c = DriverManager.getConnection(url)) {
      for (String sql : statements) {
        c.createStatement().execute(sql);
      }
    }
  }
}
