package dev.conduit.db;

import java.sql.Connection;
import java.sql.SQLException;
import liquibase.Contexts;
import liquibase.LabelExpression;
import liquibase.Liquibase;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.exception.LiquibaseException;
import liquibase.resource.ClassLoaderResourceAccessor;
import org.jdbi.v3.core.Jdbi;

/** The Liquibase changelog that {@code db migrate} runs, applied in-process for development. */
public final class Migrations {
  public static final String CHANGELOG = "migrations.xml";

  private Migrations() {}

  /** Brings the schema up to date; used only when {@code database.migrateOnStart} is true. */
  public static void migrate(Jdbi jdbi) {
    try (var handle = jdbi.open()) {
      update(handle.getConnection());
    } catch (LiquibaseException | SQLException e) {
      throw new IllegalStateException("database migration failed", e);
    }
  }

  @SuppressWarnings("deprecation") // Liquibase.update is still the simplest embedded entry point
  private static void update(Connection connection) throws LiquibaseException, SQLException {
    Database database =
        DatabaseFactory.getInstance()
            .findCorrectDatabaseImplementation(new JdbcConnection(connection));
    // Not closed: closing would close the handle's connection, which Jdbi owns.
    new Liquibase(CHANGELOG, new ClassLoaderResourceAccessor(), database)
        .update(new Contexts(), new LabelExpression());
    // Liquibase turns auto-commit off; hand the connection back to the pool as it came.
    if (!connection.getAutoCommit()) {
      connection.commit();
      connection.setAutoCommit(true);
    }
  }
}
