package dev.conduit.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.eclipse.jetty.http.BadMessageException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every exception that leaves a resource as the RealWorld body, never echoing anything internal.
 * More specific mappers win: {@link Violations}, {@link BadMessages}, 429, the database's 503.
 */
public class ErrorMapper implements ExceptionMapper<Throwable> {
  private static final Logger LOG = LoggerFactory.getLogger(ErrorMapper.class);

  /** When a field breaks several rules these messages win, in this order, then the alphabet's. */
  private static final List<String> FIRST =
      List.of("must not contain control characters", "can't be blank");

  @Override
  public Response toResponse(Throwable e) {
    if (e instanceof ApiException expected) {
      return expected.body().toResponse(expected.status());
    }
    if (e instanceof JsonProcessingException json) {
      return unreadable(json);
    }
    if (e instanceof WebApplicationException refusal && refusal.getResponse().getStatus() < 500) {
      // Jersey's own refusals (unknown route, wrong method, ...) keep status and headers (Allow).
      return Response.fromResponse(refusal.getResponse())
          .type(MediaType.APPLICATION_JSON_TYPE)
          .entity(ErrorBody.forStatus(refusal.getResponse().getStatus()))
          .build();
    }
    LOG.error("Unhandled error", e); // a bug or an outage: logged whole, answered with nothing
    return ErrorBody.forStatus(500).toResponse(500);
  }

  /**
   * Bean Validation failures: each field by its JSON name with one message (a blank password is
   * "can't be blank", not also "is too short"). Its own class, or Dropwizard's mapper would win.
   */
  public static class Violations implements ExceptionMapper<ConstraintViolationException> {
    @Override
    public Response toResponse(ConstraintViolationException e) {
      Map<String, List<String>> errors = new TreeMap<>();
      e.getConstraintViolations().stream()
          .sorted(
              Comparator.comparing((ConstraintViolation<?> v) -> !FIRST.contains(v.getMessage()))
                  .thenComparing(v -> FIRST.indexOf(v.getMessage()))
                  .thenComparing(ConstraintViolation::getMessage))
          .forEach(v -> errors.putIfAbsent(field(v.getPropertyPath()), List.of(v.getMessage())));
      return new ErrorBody(errors).toResponse(422);
    }

    private static String field(Path path) {
      return StreamSupport.stream(path.spliterator(), false)
          .filter(node -> node.getKind() == ElementKind.PROPERTY)
          .reduce((first, last) -> last)
          .map(Path.Node::getName)
          .orElse("body");
    }
  }

  /**
   * Jetty's refusals while a resource reads the body (408 too slow, 413 a chunked body over the
   * limit): the bodies of Jetty's own error pages. The client's problem: INFO.
   */
  public static class BadMessages implements ExceptionMapper<BadMessageException> {
    private final JsonErrorHandler pages;

    public BadMessages(JsonErrorHandler pages) {
      this.pages = pages;
    }

    @Override
    public Response toResponse(BadMessageException e) {
      int status = e.getCode() >= 400 && e.getCode() < 500 ? e.getCode() : 400;
      LOG.info("Request refused by Jetty: {} {}", status, e.getReason());
      var page = pages.bodyFor(status).toResponse(status);
      return Response.fromResponse(page).header("Connection", "close").build();
    }
  }

  /** Broken JSON (cut short too) is 400; a value of the wrong type is 422 naming its path. */
  private static Response unreadable(JsonProcessingException e) {
    boolean cutShort =
        e instanceof MismatchedInputException
            && String.valueOf(e.getOriginalMessage()).contains("end-of-input");
    if (e instanceof StreamReadException
        || e.getCause() instanceof StreamReadException
        || cutShort) {
      return ErrorBody.of("body", "is not valid JSON").toResponse(400);
    }
    if (e instanceof MismatchedInputException mismatch && !mismatch.getPath().isEmpty()) {
      String path =
          mismatch.getPath().stream()
              .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
              .collect(Collectors.joining("."))
              .replace(".[", "[");
      return ErrorBody.of(path, "has the wrong type").toResponse(422);
    }
    return ErrorBody.of("body", "could not be read as the expected JSON").toResponse(400);
  }
}
