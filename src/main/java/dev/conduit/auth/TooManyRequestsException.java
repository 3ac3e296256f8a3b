package dev.conduit.auth;

import dev.conduit.web.ApiException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;

/** 429 with {@code Retry-After}, from a limit enforced inside a resource (per account). */
public final class TooManyRequestsException extends ApiException {
  private static final long serialVersionUID = 1L;

  private final long retryAfterSeconds;

  public TooManyRequestsException(String field, String message, long retryAfterSeconds) {
    super(429, field, message);
    this.retryAfterSeconds = retryAfterSeconds;
  }

  /** Renders the body as {@code ErrorMapper} does for any ApiException, plus the header. */
  public static final class Mapper implements ExceptionMapper<TooManyRequestsException> {
    @Override
    public Response toResponse(TooManyRequestsException e) {
      return Response.status(429)
          .type(MediaType.APPLICATION_JSON_TYPE)
          .header("Retry-After", Long.toString(e.retryAfterSeconds))
          .entity(e.body())
          .build();
    }
  }
}
