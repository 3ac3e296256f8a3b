package dev.conduit.ops;

import dev.conduit.web.ErrorBody;
import dev.conduit.web.ErrorMapper;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
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

  @Override
  public Response toResponse(JdbiException e) {
    if (!DatabaseOutage.isOutage(e)) {
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
