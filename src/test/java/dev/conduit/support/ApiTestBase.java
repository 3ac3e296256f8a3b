package dev.conduit.support;

import io.dropwizard.testing.ConfigOverride;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * Base of API tests that run once per database. A contract class extends this with its tests and
 * stays abstract; two tiny subclasses, {@code ...PostgresIT} and {@code ...H2IT}, pick the
 * database. One application and one fresh database per concrete class.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class ApiTestBase {
  private static final AtomicInteger NAMES = new AtomicInteger();

  protected TestApp app;
  protected Http http;

  /** The database this run of the contract uses. */
  protected abstract TestDatabase database();

  /** Settings this contract needs beyond the test defaults (none unless overridden). */
  protected ConfigOverride[] overrides() {
    return new ConfigOverride[0];
  }

  @BeforeAll
  void startApp() {
    app = TestApp.start(database(), overrides());
    http = app.http();
  }

  @AfterAll
  void stopApp() {
    if (app != null) {
      app.close();
      app.database().close();
    }
  }

  /** A username no other test in this JVM uses. */
  protected static String unique(String prefix) {
    return prefix + NAMES.incrementAndGet() + "x" + System.nanoTime() % 100_000;
  }
}
