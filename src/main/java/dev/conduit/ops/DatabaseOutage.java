package dev.conduit.ops;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientConnectionException;
import java.util.Set;
import org.apache.tomcat.jdbc.pool.PoolExhaustedException;

/**
 * Recognises failures that mean "the database is unreachable or overloaded right now" (as opposed
 * to a bug or a constraint violation): a timed-out pool checkout, a refused or broken connection, a
 * cancelled (timed-out) statement, or PostgreSQL shutting down or out of connections.
 */
public final class DatabaseOutage {
  /**
   * SQLSTATEs: class 08 (connection exception) is matched by prefix; 57014 query_canceled (our
   * statement timeouts), 57P01..57P03 admin/crash shutdown and cannot_connect_now, 53300
   * too_many_connections.
   */
  private static final Set<String> STATES = Set.of("57014", "57P01", "57P02", "57P03", "53300");

  private DatabaseOutage() {}

  public static boolean isOutage(Throwable error) {
    int depth = 0;
    for (Throwable t = error; t != null && depth < 20; t = t.getCause(), depth++) {
      if (t instanceof PoolExhaustedException
          || t instanceof SQLTransientConnectionException
          || t instanceof SQLNonTransientConnectionException
          || t instanceof SQLTimeoutException
          || t instanceof ConnectException
          || t instanceof SocketTimeoutException) {
        return true;
      }
      if (t instanceof SQLException sql && sql.getSQLState() != null) {
        String state = sql.getSQLState();
        if (state.startsWith("08") || STATES.contains(state)) {
          return true;
        }
      }
    }
    return false;
  }
}
