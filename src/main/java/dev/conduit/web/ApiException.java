package dev.conduit.web;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An expected failure the client can act on, rendered by {@link ErrorMapper}: control flow, not a
 * bug, so no stack trace is captured and nobody logs it.
 */
public class ApiException extends RuntimeException {
  private final int status;
  private final transient ErrorBody body;

  public ApiException(int status, Map<String, List<String>> errors) {
    super(errors.toString(), null, false, false);
    this.status = status;
    this.body = new ErrorBody(Collections.unmodifiableMap(new LinkedHashMap<>(errors)));
  }

  public ApiException(int status, String field, String message) {
    this(status, Map.of(field, List.of(message)));
  }

  /** 404 for a named thing that does not exist: {@code {"errors":{"article":["not found"]}}}. */
  public static ApiException notFound(String what) {
    return new ApiException(404, what, "not found");
  }

  /** 403: the caller is known but may not touch this (someone else's article or comment). */
  public static ApiException forbidden(String what) {
    return new ApiException(403, what, "may only be changed by its author");
  }

  /** 401, the body of every token refusal; also for a valid token whose user was deleted. */
  public static ApiException unauthorized() {
    return new ApiException(401, "token", "is missing, invalid or expired");
  }

  /** 422 for a rule that needs the database (a taken username, following yourself). */
  public static ApiException invalid(String field, String message) {
    return new ApiException(422, field, message);
  }

  public int status() {
    return status;
  }

  public ErrorBody body() {
    return body;
  }
}
