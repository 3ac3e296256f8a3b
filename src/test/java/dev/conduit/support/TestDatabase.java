package dev.conduit.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Locale;
import java.util.UUID;

/**
 * A throw-away database for one test class: a fresh PostgreSQL database in the cluster that {@code
 * scripts/test} provisions (or {@code TEST_DATABASE_URL} names), or an in-memory H2 in PostgreSQL
 * mode. Without TEST_DATABASE_URL the PostgreSQL variant fails: it never skips.
 */
public final class TestDatabase implements AutoCloseable {
  private static final String H2_OPTIONS =
      ";DB_CLOSE_DELAY=-1;MODE=PostgreSQL;DEFAULT_NULL_ORDERING=HIGH";

  private final String kind;
  private final String url;
  private final String name;

  private TestDatabase(String kind, String url, String name) {
    this.kind = kind;
    this.url = url;
    this.name = name;
  }

  /** A new, empty PostgreSQL database; dropped on {@link #close()}. */
  public static TestDatabase postgres() {
    String base = baseUrl();
    String name = "conduit_it_" + suffix();
    try (Connection c = DriverManager.getConnection(base)) {
      c.createStatement().execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create a test database (needs CREATEDB)", e);
    }
    return new TestDatabase("postgres", withDatabase(base, name), name);
  }

  /** A new, empty in-memory H2 database in PostgreSQL mode, as config.yml uses on disk. */
  public static TestDatabase h2() {
    String name = "it_" + suffix();
    return new TestDatabase("h2", "jdbc:h2:mem:" + name + H2_OPTIONS, name);
  }

  /** The JDBC URL of the cluster scripts/test started (or the one the developer points at). */
  public static String baseUrl() {
    return TestEnv.require(
        "TEST_DATABASE_URL",
        "run the tests with `make test`, which provisions PostgreSQL, or set it to a PostgreSQL"
            + " JDBC URL whose role may CREATE DATABASE");
  }

  /** A superuser's JDBC URL for the same cluster (database postgres), for what tests set up. */
  public static String superuserUrl() {
    return TestEnv.require("TEST_PG_SUPERUSER_URL", "run the tests with `make test`");
  }

  /** {@code jdbc:postgresql://host:port/database?user=...&password=...}. */
  public static String postgresUrl(
      String host, int port, String database, String user, String password) {
    return "jdbc:postgresql://%s:%d/%s?user=%s&password=%s"
        .formatted(host, port, database, user, password);
  }

  /** Replaces the database name in {@code jdbc:postgresql://host:port/name?params}. */
  static String withDatabase(String jdbcUrl, String database) {
    int hostStart = jdbcUrl.indexOf("//") + 2;
    int pathStart = jdbcUrl.indexOf('/', hostStart);
    int query = jdbcUrl.indexOf('?');
    String params = query < 0 ? "" : jdbcUrl.substring(query);
    return jdbcUrl.substring(0, pathStart) + "/" + database + params;
  }

  private static String suffix() {
    return UUID.randomUUID().toString().replace("-", "").substring(0, 12).toLowerCase(Locale.ROOT);
  }

  public String kind() {
    return kind;
  }

  public boolean isPostgres() {
    return kind.equals("postgres");
  }

  /** JDBC URL with credentials, as DATABASE_URL accepts it. */
  public String url() {
    return url;
  }

  public String name() {
    return name;
  }

  public Connection connect() throws SQLException {
    return DriverManager.getConnection(url);
  }

  @Override
  public void close() {
    if (!isPostgres()) {
      try (Connection c = connect()) {
        c.createStatement().execute("SHUTDOWN");
      } catch (SQLException e) {
        throw new IllegalStateException("cannot drop H2 test database " + name, e);
      }
      return;
    }
    try (Connection c = DriverManager.getConnection(baseUrl())) {
      c.createStatement().execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    } catch (SQLException e) {
      throw new IllegalStateException("cannot drop test database " + name, e);
    }
  }

  @Override
  public String toString() {
    return kind + ":" + name;
  }
}
