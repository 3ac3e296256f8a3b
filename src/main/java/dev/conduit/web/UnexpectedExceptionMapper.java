package dev.conduit.web;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Bugs and outages: logged whole at ERROR, answered with nothing internal. */
public class UnexpectedExceptionMapper implements ExceptionMapper<Throwable> {
  private static final Logger LOG = LoggerFactory.getLogger(UnexpectedExceptionMapper.class);

  @Override
  public Response toResponse(Throwable e) {
    LOG.error("Unhandled error", e);
    return Response.status(500)
        .type(MediaType.APPLICATION_JSON_TYPE)
        .entity(ErrorBody.of("server", "internal error"))
        .build();
  }
}
