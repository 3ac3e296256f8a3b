package dev.conduit.ops;

import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

/**
 * A fresh, empty PostgreSQL database for one test, created next to {@code TEST_DATABASE_URL}
 * (scripts/test provides one) and dropped afterwards. Fails, never skips, without PostgreSQL.
 */
final class PgDatabase implements AutoCloseable {
  final String name;
  final String host;
  final int port;
  final String query; // user=...&password=...
  private final String adminUrl;

  private PgDatabase(String adminUrl, String name, String host, int port, String query) {
    this.adminUrl = adminUrl;
    this.name = name;
    this.host = host;
    this.port = port;
    this.query = query;
  }

  static PgDatabase create() throws SQLException {
    String base = System.getenv("TEST_DATABASE_URL");
    if (base == null || base.isBlank()) {
      throw new IllegalStateException(
          "TEST_DATABASE_URL is not set: run the tests with scripts/test (it provisions PostgreSQL)");
    }
    URI uri = URI.create(base.substring("jdbc:".length()));
    String name = "ops_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    try (Connection c = DriverManager.getConnection(base);
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name.toLowerCase(Locale.ROOT));
    }
    return new PgDatabase(base, name, uri.getHost(), uri.getPort(), uri.getRawQuery());
  }

  /** The JDBC URL of this database, optionally through another port (a proxy). */
  String jdbcUrl(int viaPort) {
    return "jdbc:postgresql://" + host + ":" + viaPort + "/" + name + "?" + query;
  }

  String jdbcUrl() {
    return jdbcUrl(port);
  }

  @Override
  public void close() throws SQLException {
    try (Connection c = DriverManager.getConnection(adminUrl);
        Statement s = c.createStatement()) {
      s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }
  }
}
