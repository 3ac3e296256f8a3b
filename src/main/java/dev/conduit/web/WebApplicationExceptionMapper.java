package dev.conduit.web;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.Locale;

/**
 * Jersey's own failures (unknown route, wrong method, unsupported media type, ...) as RealWorld
 * JSON instead of Jersey's HTML or empty bodies. Headers such as {@code Allow} are kept.
 */
public class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {
  @Override
  public Response toResponse(WebApplicationException e) {
    Response original = e.getResponse();
    int status = original.getStatus();
    if (status >= 500) {
      return new UnexpectedExceptionMapper().toResponse(e);
    }
    String reason = original.getStatusInfo().getReasonPhrase();
    String message = reason == null ? "request failed" : reason.toLowerCase(Locale.ROOT);
    return Response.fromResponse(original)
        .type(MediaType.APPLICATION_JSON_TYPE)
        .entity(ErrorBody.of("request", message))
        .build();
  }
}
