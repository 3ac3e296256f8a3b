package dev.conduit.web;

import java.util.List;
import java.util.Map;

/** 422 naming every offending field at once, so a form can show all its errors. */
public class ValidationException extends ApiException {
  private static final long serialVersionUID = 1L;

  public ValidationException(Map<String, List<String>> errors) {
    super(422, errors);
  }

  public ValidationException(String field, String message) {
    super(422, field, message);
  }
}
