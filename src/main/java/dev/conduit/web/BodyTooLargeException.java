package dev.conduit.web;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.io.IOException;

/**
 * Thrown by the request stream once a body without {@code Content-Length} passes the limit. An
 * {@link IOException}, because that is what a stream may throw and what Jackson passes through
 * unwrapped; {@link Mapper} turns it into the same 413 as a declared length over the limit.
 */
public class BodyTooLargeException extends IOException {
  private static final long serialVersionUID = 1L;

  private final long limit;

  public BodyTooLargeException(long limit) {
    super("request body over " + limit + " bytes");
    this.limit = limit;
  }

  /** The 413 body, wherever the limit is enforced. */
  public static ErrorBody body(long limit) {
    return ErrorBody.of("body", "is too large (maximum is " + limit + " bytes)");
  }

  /** 413 with the RealWorld body, for bodies cut off while Jersey was reading them. */
  public static class Mapper implements ExceptionMapper<BodyTooLargeException> {
    @Override
    public Response toResponse(BodyTooLargeException e) {
      return body(e.limit).toResponse(413);
    }
  }
}
