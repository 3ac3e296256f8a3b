package dev.conduit.config;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.util.List;

/**
 * Validation group for settings only a serving process needs (host names, signing key, admin
 * password). Dropwizard validates the {@code Default} group for every command; these constraints
 * are checked by {@code server} and {@code check} only, so a {@code db} command (a release phase, a
 * migration Job) needs nothing but the database settings it actually uses.
 */
public interface Serving {

  /** Throws {@link NotServable}, one problem per violation, when the configuration cannot serve. */
  static <T> void require(T configuration, Validator validator) {
    List<String> problems =
        validator.validate(configuration, Serving.class).stream()
            .map(ConstraintViolation::getMessage)
            .sorted()
            .toList();
    if (!problems.isEmpty()) {
      throw new NotServable(problems);
    }
  }

  /** The configuration parses but lacks what serving needs; each problem is one line. */
  final class NotServable extends IllegalStateException {
    private final List<String> problems;

    public NotServable(List<String> problems) {
      super(String.join("; ", problems));
      this.problems = problems;
    }

    public List<String> problems() {
      return problems;
    }
  }
}
