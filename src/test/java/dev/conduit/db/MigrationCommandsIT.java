package dev.conduit.db;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conduit.support.Jar;
import dev.conduit.support.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code db migrate}, {@code db status} and {@code db rollback} from the shaded jar, as operators
 * run them, on PostgreSQL and on an H2 file database (what config.yml uses by default).
 */
class MigrationCommandsIT {
  static final List<String> TABLES =
      List.of("users", "follows", "articles", "tags", "article_tags", "favorites", "comments");

  static Stream<Arguments> databases() throws Exception {
    Path dir = Files.createTempDirectory("conduit-h2-");
    String h2File =
        "jdbc:h2:file:" + dir.resolve("conduit") + ";MODE=PostgreSQL;DEFAULT_NULL_ORDERING=HIGH";
    return Stream.of(Arguments.of("postgres", null), Arguments.of("h2", h2File));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void migrateStatusAndRollbackEveryChangeset(String kind, String h2Url) throws Exception {
    TestDatabase pg = kind.equals("postgres") ? TestDatabase.postgres() : null;
    String url = pg != null ? pg.url() : h2Url;
    Map<String, String> env = Map.of("DATABASE_URL", url);
    try {
      var status = Jar.run(env, "db", "status", "config.yml");
      assertThat(status.exitCode()).as(status.output()).isZero();
      assertThat(status.output()).contains("7 changesets have not been applied");

      var migrate = Jar.run(env, "db", "migrate", "config.yml");
      assertThat(migrate.exitCode()).as(migrate.output()).isZero();
      assertThat(tables(url)).containsAll(TABLES);

      var upToDate = Jar.run(env, "db", "status", "config.yml");
      assertThat(upToDate.output()).contains("is up to date");

      // 0007 (token_version) and 0006 (comments).
      var rollbackOne = Jar.run(env, "db", "rollback", "--count", "2", "config.yml");
      assertThat(rollbackOne.exitCode()).as(rollbackOne.output()).isZero();
      assertThat(tables(url)).doesNotContain("comments").contains("favorites");

      // Every changeset has a rollback: roll all the way back, then forward again.
      var rollbackAll = Jar.run(env, "db", "rollback", "--count", "5", "config.yml");
      assertThat(rollbackAll.exitCode()).as(rollbackAll.output()).isZero();
      assertThat(tables(url)).doesNotContainAnyElementsOf(TABLES);

      var again = Jar.run(env, "db", "migrate", "config.yml");
      assertThat(again.exitCode()).as(again.output()).isZero();
      assertThat(tables(url)).containsAll(TABLES);
    } finally {
      if (pg != null) {
        pg.close();
      }
    }
  }

  private static List<String> tables(String url) throws SQLException {
    try (var c = java.sql.DriverManager.getConnection(url);
        var rs = c.getMetaData().getTables(null, null, "%", new String[] {"TABLE"})) {
      List<String> names = new ArrayList<>();
      while (rs.next()) {
        String schema = rs.getString("TABLE_SCHEM");
        if (schema != null && (schema.equalsIgnoreCase("public"))) {
          names.add(rs.getString("TABLE_NAME").toLowerCase());
        }
      }
      return names;
    }
  }
}
