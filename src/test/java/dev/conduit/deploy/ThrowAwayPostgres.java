package dev.conduit.deploy;

import dev.conduit.support.TestDatabase;
import java.net.URI;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;

/**
 * A role with a password and an empty database it owns, in the cluster scripts/test provisions
 * (created through TEST_PG_SUPERUSER_URL): what a platform hands an app. Dropped on close. Without
 * the superuser URL the test fails, never skips.
 */
final class ThrowAwayPostgres implements AutoCloseable {
  private static final SecureRandom RANDOM = new SecureRandom();

  final String host;
  final int port;
  final String user;
  final String password;
  final String database;

  static String randomHex(int bytes) {
    byte[] b = new byte[bytes];
    RANDOM.nextBytes(b);
    return HexFormat.of().formatHex(b);
  }

  static ThrowAwayPostgres create() {
    String admin = TestDatabase.superuserUrl();
    URI uri = URI.create(admin.substring("jdbc:".length()));
    String name = "deploy_" + randomHex(6);
    ThrowAwayPostgres db =
        new ThrowAwayPostgres(uri.getHost(), uri.getPort(), name, randomHex(12), name);
    db.createEmptyDatabase(name);
    return db;
  }

  /** Another empty database owned by the same role (a restore target). */
  ThrowAwayPostgres sibling() {
    String name = "deploy_" + randomHex(6);
    try (Connection c = DriverManager.getConnection(TestDatabase.superuserUrl());
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name + " OWNER " + user);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create database " + name, e);
    }
    return new ThrowAwayPostgres(host, port, user, password, name);
  }

  private ThrowAwayPostgres(String host, int port, String user, String password, String database) {
    this.host = host;
    this.port = port;
    this.user = user;
    this.password = password;
    this.database = database;
  }

  private void createEmptyDatabase(String name) {
    try (Connection c = DriverManager.getConnection(TestDatabase.superuserUrl());
        Statement s = c.createStatement()) {
      // The cluster is throw-away and the password random hex: no quoting issue.
      s.execute("CREATE ROLE " + user + " LOGIN PASSWORD '" + password + "'");
      s.execute("CREATE DATABASE " + name + " OWNER " + user);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create role/database " + name, e);
    }
  }

  /** Heroku's form: postgres://user:pass@host:port/db. */
  String platformUrl() {
    return "postgres://" + user + ":" + password + "@" + host + ":" + port + "/" + database;
  }

  String jdbcUrl() {
    return TestDatabase.postgresUrl(host, port, database, user, password);
  }

  Connection connect() throws SQLException {
    return DriverManager.getConnection(jdbcUrl());
  }

  /** Drops the database; the role too when it owns nothing else (the last of its databases). */
  @Override
  public void close() {
    try (Connection c = DriverManager.getConnection(TestDatabase.superuserUrl());
        Statement s = c.createStatement()) {
      s.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
      var rs =
          s.executeQuery(
              "SELECT count(*) FROM pg_database d JOIN pg_roles r ON r.oid = d.datdba WHERE r.rolname = '"
                  + user
                  + "'");
      rs.next();
      if (rs.getInt(1) == 0) {
        s.execute("DROP ROLE IF EXISTS " + user);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot drop test database " + database, e);
    }
  }
}
