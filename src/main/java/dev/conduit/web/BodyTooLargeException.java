package dev.conduit.web;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.io.IOException;

/**
 * Thrown by the request stream once a body without {@code Content-Length} passes the limit. An
 * {@link IOException}, because that is what a stream may throw and what Jackson passes through
 * unwrapped; {@link Mapper} turns it into 413.
 */
public class BodyTooLargeException extends IOException {
  private static final long serialVersionUID = 1L;

  private final long limit;

  public BodyTooLargeException(long limit) {
    super("request body over " + limit + " bytes");
    this.limit = limit;
  }

  public long limit() {
    return limit;
  }

  /** 413 with the RealWorld body, for bodies cut off while Jersey was reading them. */
  public static class Mapper implements ExceptionMapper<BodyTooLargeException> {
    @Override
    public Response toResponse(BodyTooLargeException e) {
      return Response.status(413)
          .type(MediaType.APPLICATION_JSON_TYPE)
          .entity(new PayloadTooLargeException(e.limit()).body())
          .build();
    }
  }
}
