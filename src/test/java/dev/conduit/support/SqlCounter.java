package dev.conduit.support;

import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.SqlLogger;
import org.jdbi.v3.core.statement.SqlStatements;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * Counts the SQL statements the running application executes, by wrapping the {@code SqlLogger} of
 * its Jdbi (so Dropwizard's own logger keeps working). Handles opened after {@link #install} report
 * here; a batch counts as one statement, as it is one round trip.
 */
public final class SqlCounter implements SqlLogger, AutoCloseable {
  private final Jdbi jdbi;
  private final SqlLogger original;
  private final List<String> statements = new CopyOnWriteArrayList<>();

  private SqlCounter(Jdbi jdbi) {
    this.jdbi = jdbi;
    this.original = jdbi.getConfig(SqlStatements.class).getSqlLogger();
  }

  public static SqlCounter install(Jdbi jdbi) {
    var counter = new SqlCounter(jdbi);
    jdbi.getConfig(SqlStatements.class).setSqlLogger(counter);
    return counter;
  }

  /**
   * Runs {@code action} and returns the statements executed meanwhile. Not for concurrent use: the
   * requests measured must be the only ones in flight.
   */
  public List<String> during(Runnable action) {
    statements.clear();
    action.run();
    return List.copyOf(statements);
  }

  @Override
  public void logBeforeExecution(StatementContext context) {
    statements.add(context.getRenderedSql().strip().replaceAll("\\s+", " "));
    original.logBeforeExecution(context);
  }

  @Override
  public void logAfterExecution(StatementContext context) {
    original.logAfterExecution(context);
  }

  @Override
  public void logException(StatementContext context, SQLException ex) {
    original.logException(context, ex);
  }

  @Override
  public void close() {
    jdbi.getConfig(SqlStatements.class).setSqlLogger(original);
  }
}
