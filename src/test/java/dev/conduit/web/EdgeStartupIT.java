package dev.conduit.web;

import static io.dropwizard.testing.ConfigOverride.config;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.conduit.support.TestApp;
import dev.conduit.support.TestDatabase;
import org.junit.jupiter.api.Test;

/**
 * Edge settings that must stop start-up with a message saying why. (Not in a class with a running
 * app: Dropwizard's test overrides are system properties and would leak into these starts.)
 */
class EdgeStartupIT {

  @Test
  void wildcardCorsWithCredentialsIsRefusedAtStartUp() {
    TestDatabase db = TestDatabase.h2();
    try {
      assertThatThrownBy(
              () ->
                  TestApp.start(
                      db,
                      config("edge.corsOrigins", "*"),
                      config("edge.corsAllowCredentials", "true")))
          .hasStackTraceContaining("CORS origin '*' cannot be combined with corsAllowCredentials");
    } finally {
      db.close();
    }
  }

  @Test
  void productionRefusesToStartWithoutAllowedHosts() {
    TestDatabase db = TestDatabase.h2();
    try {
      assertThatThrownBy(() -> TestApp.start(db, config("edge.requireAllowedHosts", "true")))
          .hasStackTraceContaining("ALLOWED_HOSTS is not set");
    } finally {
      db.close();
    }
  }
}
