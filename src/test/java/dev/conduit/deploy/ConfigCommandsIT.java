package dev.conduit.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conduit.support.Jar;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What each command of the jar needs with config-prod.yml: a {@code db} command only the database
 * (release phases and migration Jobs set nothing else), {@code server} and {@code check} also the
 * host names and unguessable secrets; and every refusal is one line per problem, no stack trace.
 */
class ConfigCommandsIT {
  private static final String CONFIG = "config-prod.yml";

  @Test
  void dbMigrateAndStatusNeedOnlyTheDatabase() throws Exception {
    try (ThrowAwayPostgres db = ThrowAwayPostgres.create()) {
      Map<String, String> env = Map.of("DATABASE_URL", db.platformUrl());
      var migrate = Jar.run(env, "db", "migrate", CONFIG);
      assertThat(migrate.exitCode()).as(migrate.output()).isZero();
      try (Connection c = db.connect();
          ResultSet rs =
              c.createStatement().executeQuery("SELECT count(*) FROM databasechangelog")) {
        rs.next();
        assertThat(rs.getInt(1)).isPositive();
      }
      var status = Jar.run(env, "db", "status", CONFIG);
      assertThat(status.exitCode()).as(status.output()).isZero();
    }
  }

  @Test
  void serverAndCheckStillRefuseAMissingAllowedHostsInOneLine() {
    Map<String, String> env =
        Map.of(
            "DATABASE_URL",
            "postgres://u:p@127.0.0.1:9/x",
            "JWT_SECRET",
            ThrowAwayPostgres.randomHex(32));
    for (String command : List.of("server", "check")) {
      var result = Jar.run(env, command, CONFIG);
      assertThat(result.exitCode()).as(result.output()).isNotZero();
      assertThat(problemLines(result.output()))
          .as("%s output:%n%s", command, result.output())
          .containsExactly(
              CONFIG
                  + ": ALLOWED_HOSTS is not set: list the host names this service answers to,"
                  + " comma-separated");
      assertNoStackTrace(result.output());
    }
  }

  @Test
  void everyProblemIsItsOwnLine() {
    var result =
        Jar.run(
            Map.of(
                "DATABASE_URL",
                "postgres://u:p@127.0.0.1:9/x",
                "JWT_SECRET",
                "x".repeat(48),
                "ADMIN_PASSWORD",
                "hunter2"),
            "check",
            CONFIG);
    assertThat(result.exitCode()).isNotZero();
    assertThat(problemLines(result.output()))
        .as(result.output())
        .containsExactlyInAnyOrder(
            CONFIG
                + ": ADMIN_PASSWORD is a placeholder or too predictable: generate one with"
                + " `openssl rand -hex 16`",
            CONFIG
                + ": ALLOWED_HOSTS is not set: list the host names this service answers to,"
                + " comma-separated",
            CONFIG
                + ": JWT_SECRET is a placeholder or too predictable: generate one with"
                + " `openssl rand -hex 32`");
    assertNoStackTrace(result.output());
  }

  @Test
  void theExampleSecretsAreRefused() {
    var example = Repo.yaml("deploy/k8s/secret.example.yaml").path("stringData");
    var result =
        Jar.run(
            Map.of(
                "DATABASE_URL",
                "postgres://u:p@127.0.0.1:9/x",
                "ALLOWED_HOSTS",
                "conduit.example.com",
                "JWT_SECRET",
                example.path("JWT_SECRET").asText(),
                "ADMIN_PASSWORD",
                example.path("ADMIN_PASSWORD").asText()),
            "check",
            CONFIG);
    assertThat(result.exitCode()).isNotZero();
    assertThat(problemLines(result.output()))
        .as(result.output())
        .anyMatch(l -> l.contains("JWT_SECRET is a placeholder"))
        .anyMatch(l -> l.contains("ADMIN_PASSWORD is a placeholder"));
  }

  @Test
  void anUnsetVariableWithoutDefaultIsNamedInOneLine() {
    // DATABASE_URL's parse error comes first and alone (the file cannot be read further).
    var result = Jar.run(Map.of(), "db", "migrate", CONFIG);
    assertThat(result.exitCode()).isNotZero();
    assertThat(problemLines(result.output()))
        .containsExactly(CONFIG + ": DATABASE_URL is not set (nor JDBC_DATABASE_URL)");
    assertNoStackTrace(result.output());
  }

  private static List<String> problemLines(String output) {
    return output.lines().filter(l -> l.startsWith(CONFIG + ": ")).toList();
  }

  private static void assertNoStackTrace(String output) {
    assertThat(output).doesNotContain("Exception").doesNotContain("\tat ");
  }
}
