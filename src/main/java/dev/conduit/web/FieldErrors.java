package dev.conduit.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Collects field errors during validation and throws them together as one 422. */
public final class FieldErrors {
  public static final String BLANK = "can't be blank";

  private final Map<String, List<String>> errors = new LinkedHashMap<>();

  public FieldErrors add(String field, String message) {
    errors.computeIfAbsent(field, f -> new ArrayList<>()).add(message);
    return this;
  }

  /** Adds {@link #BLANK} when the value is missing or only whitespace; returns whether it was. */
  public boolean requireNonBlank(String field, String value) {
    if (value == null || value.isBlank()) {
      add(field, BLANK);
      return false;
    }
    return true;
  }

  /** Like {@link #requireNonBlank} but for optional fields: absent is fine, blank is not. */
  public boolean rejectBlankIfPresent(String field, String value) {
    if (value != null && value.isBlank()) {
      add(field, BLANK);
      return false;
    }
    return value != null;
  }

  public void maxLength(String field, String value, int max) {
    if (value != null && value.length() > max) {
      add(field, "is too long (maximum is " + max + " characters)");
    }
  }

  public boolean isEmpty() {
    return errors.isEmpty();
  }

  public ValidationException toException() {
    return new ValidationException(errors);
  }

  public void throwIfAny() {
    if (!errors.isEmpty()) {
      throw toException();
    }
  }
}
