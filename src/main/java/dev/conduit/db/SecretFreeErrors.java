package dev.conduit.db;

import io.dropwizard.db.DataSourceFactory;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.core.statement.StatementException;
import org.jdbi.v3.core.statement.StatementExceptions;

/**
 * Database errors end up in logs and in Sentry, so they must not carry the values a statement was
 * given: password hashes, emails, tokens. Two sources would put them there:
 *
 * <ul>
 *   <li>Jdbi's default exception message lists every bound argument ({@code passwordHash=$2a$...});
 *       ours names the statement (the SQL text, which holds only {@code :placeholders}) and nothing
 *       else;
 *   <li>PostgreSQL's error "Detail" repeats the row ({@code Key (email)=(...) already exists}); the
 *       driver's {@code logServerErrorDetail=false} leaves it out of exception messages.
 * </ul>
 */
public final class SecretFreeErrors {
  /** Long statements are cut: the start says which one it was. */
  static final int MAX_SQL_CHARS = 500;

  private SecretFreeErrors() {}

  public static void configure(Jdbi jdbi) {
    jdbi.getConfig(StatementExceptions.class).setMessageRendering(SecretFreeErrors::render);
  }

  /** A setting of the PostgreSQL driver; values in the config or URL win (H2 has no such key). */
  public static void applyTo(DataSourceFactory database) {
    String url = database.getUrl();
    if (url == null || !url.startsWith("jdbc:postgresql:")) {
      return;
    }
    Map<String, String> properties = new LinkedHashMap<>(database.getProperties());
    properties.putIfAbsent("logServerErrorDetail", "false");
    database.setProperties(properties);
  }

  static String render(StatementException e) {
    StatementContext ctx = e.getStatementContext();
    String sql = ctx == null ? null : ctx.getRawSql();
    if (sql == null) {
      return "";
    }
    String oneLine = sql.replaceAll("\\s+", " ").strip();
    if (oneLine.length() > MAX_SQL_CHARS) {
      oneLine = oneLine.substring(0, MAX_SQL_CHARS) + "...";
    }
    return "statement:[" + oneLine + "] (arguments not shown)";
  }
}
