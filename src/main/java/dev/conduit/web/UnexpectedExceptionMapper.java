package dev.conduit.web;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What no other mapper takes. Jersey's own refusals (unknown route, wrong method, unsupported media
 * type, ...) keep their status and headers such as {@code Allow}, with a RealWorld body instead of
 * Jersey's HTML or empty one. Anything else, 5xx included, is a bug or an outage: logged whole at
 * ERROR, answered with nothing internal.
 */
public class UnexpectedExceptionMapper implements ExceptionMapper<Throwable> {
  private static final Logger LOG = LoggerFactory.getLogger(UnexpectedExceptionMapper.class);

  @Override
  public Response toResponse(Throwable e) {
    if (e instanceof WebApplicationException refusal && refusal.getResponse().getStatus() < 500) {
      Response original = refusal.getResponse();
      String reason = original.getStatusInfo().getReasonPhrase();
      return Response.fromResponse(original)
          .type(MediaType.APPLICATION_JSON_TYPE)
          .entity(
              ErrorBody.of(
                  "request", reason == null ? "request failed" : reason.toLowerCase(Locale.ROOT)))
          .build();
    }
    LOG.error("Unhandled error", e);
    return ErrorBody.of("server", "internal error").toResponse(500);
  }
}
