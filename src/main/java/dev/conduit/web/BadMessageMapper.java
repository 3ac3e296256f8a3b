package dev.conduit.web;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import org.eclipse.jetty.http.BadMessageException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Jetty's refusals while a resource reads the body: 408 for a body slower than {@code
 * minRequestDataPerSecond}, 413 for a chunked body over the limit. The client's problem: INFO.
 */
public final class BadMessageMapper implements ExceptionMapper<BadMessageException> {
  private static final Logger LOG = LoggerFactory.getLogger(BadMessageMapper.class);

  private final long maxBodyBytes;

  public BadMessageMapper(long maxBodyBytes) {
    this.maxBodyBytes = maxBodyBytes;
  }

  @Override
  public Response toResponse(BadMessageException e) {
    int status = e.getCode() >= 400 && e.getCode() < 500 ? e.getCode() : 400;
    String message =
        switch (status) {
          case 408 -> "was sent too slowly";
          case 413 -> "is too large (maximum is " + maxBodyBytes + " bytes)";
          default -> "is malformed";
        };
    LOG.info("Request refused by Jetty: {} {}", status, e.getReason());
    return Response.status(status)
        .type(MediaType.APPLICATION_JSON_TYPE)
        .header("Connection", "close")
        .entity(ErrorBody.of("body", message))
        .build();
  }
}
