package dev.conduit.web;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An expected failure that the client can act on, with its HTTP status and RealWorld body. Feature
 * code throws the named subclasses; {@link ApiExceptionMapper} renders them. No stack trace is
 * captured: these are control flow, not bugs.
 */
public class ApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final transient Map<String, List<String>> errors;

  public ApiException(int status, Map<String, List<String>> errors) {
    super(errors.toString(), null, false, false);
    this.status = status;
    this.errors = Collections.unmodifiableMap(new LinkedHashMap<>(errors));
  }

  public ApiException(int status, String field, String message) {
    this(status, Map.of(field, List.of(message)));
  }

  public int status() {
    return status;
  }

  public ErrorBody body() {
    return new ErrorBody(errors);
  }
}
