package dev.conduit.ops;

import com.google.common.base.Throwables;
import dev.conduit.web.ErrorBody;
import dev.conduit.web.ErrorMapper;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientConnectionException;
import java.util.List;
import java.util.Set;
import org.apache.tomcat.jdbc.pool.PoolExhaustedException;
import org.jdbi.v3.core.JdbiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A database outage is not a bug: 503 with {@code Retry-After} and one WARN line, no stack. Any
 * other Jdbi failure goes to {@link ErrorMapper}.
 */
public class DatabaseUnavailableMapper implements ExceptionMapper<JdbiException> {
  private static final Logger LOG = LoggerFactory.getLogger(DatabaseUnavailableMapper.class);

  /** A timed-out pool checkout, a refused, broken or timed-out connection or statement. */
  private static final List<Class<?>> OUTAGES =
      List.of(
          PoolExhaustedException.class,
          SQLTransientConnectionException.class,
          SQLNonTransientConnectionException.class,
          SQLTimeoutException.class,
          ConnectException.class,
          SocketTimeoutException.class);

  // SQLSTATEs beside class 08: 57014 query_canceled (our statement timeouts), 57P01..57P03
  // shutdown and cannot_connect_now, 53300 too_many_connections.
  private static final Set<String> STATES = Set.of("57014", "57P01", "57P02", "57P03", "53300");

  private final ErrorMapper unexpected = new ErrorMapper();

  /** The database is unreachable or overloaded right now (not a bug or a constraint violation). */
  public static boolean isOutage(Throwable error) {
    return Throwables.getCausalChain(error).stream()
        .anyMatch(
            t ->
                OUTAGES.stream().anyMatch(type -> type.isInstance(t))
                    || t instanceof SQLException sql
                        && sql.getSQLState() != null
                        && (sql.getSQLState().startsWith("08")
                            || STATES.contains(sql.getSQLState())));
  }

  @Override
  public Response toResponse(JdbiException e) {
    if (!isOutage(e)) {
      return unexpected.toResponse(e);
    }
    LOG.warn("database unavailable: {}", Throwables.getRootCause(e).getClass().getName());
    var body = ErrorBody.of("database", "is unavailable, try again shortly").toResponse(503);
    return Response.fromResponse(body).header("Retry-After", "5").build();
  }
}
