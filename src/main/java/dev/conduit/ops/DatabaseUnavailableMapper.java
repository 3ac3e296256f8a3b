package dev.conduit.ops;

import dev.conduit.web.ErrorBody;
import dev.conduit.web.ErrorMapper;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientConnectionException;
import java.util.Set;
import org.apache.tomcat.jdbc.pool.PoolExhaustedException;
import org.jdbi.v3.core.JdbiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A database outage is the service's problem but not a bug: answer 503 with a RealWorld body and
 * {@code Retry-After}, log one line at WARN without the stack. Any other Jdbi failure is a bug and
 * goes to {@link ErrorMapper} (500).
 */
public class DatabaseUnavailableMapper implements ExceptionMapper<JdbiException> {
  private static final Logger LOG = LoggerFactory.getLogger(DatabaseUnavailableMapper.class);
  static final String RETRY_AFTER_SECONDS = "5";

  private final ErrorMapper unexpected = new ErrorMapper();

  /**
   * SQLSTATEs: class 08 (connection exception) is matched by prefix; 57014 query_canceled (our
   * statement timeouts), 57P01..57P03 admin/crash shutdown and cannot_connect_now, 53300
   * too_many_connections.
   */
  private static final Set<String> STATES = Set.of("57014", "57P01", "57P02", "57P03", "53300");

  /**
   * Recognises failures that mean "the database is unreachable or overloaded right now" (as opposed
   * to a bug or a constraint violation): a timed-out pool checkout, a refused or broken connection,
   * a cancelled (timed-out) statement, or PostgreSQL shutting down or out of connections.
   */
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

  @Override
  public Response toResponse(JdbiException e) {
    if (!isOutage(e)) {
      return unexpected.toResponse(e);
    }
    LOG.warn("database unavailable: {}", rootCause(e).getClass().getName());
    return Response.status(503)
        .type(MediaType.APPLICATION_JSON_TYPE)
        .header("Retry-After", RETRY_AFTER_SECONDS)
        .entity(ErrorBody.of("database", "is unavailable, try again shortly"))
        .build();
  }

  private static Throwable rootCause(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t;
  }
}
