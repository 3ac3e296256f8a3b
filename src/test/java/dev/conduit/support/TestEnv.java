package dev.conduit.support;

/**
 * What scripts/test hands the tests through the environment (servers it started for them). A test
 * that needs a value fails when it is missing: it never skips.
 */
public final class TestEnv {
  private TestEnv() {}

  /** The value of {@code name}; an error that says so, and {@code hint}, when it is not set. */
  public static String require(String name, String hint) {
    String value = System.getenv(name);
    if (value == null || value.isBlank()) {
      throw new IllegalStateException(name + " is not set: " + hint);
    }
    return value;
  }
}
