package dev.conduit.web.ratelimit;

import static io.dropwizard.testing.ConfigOverride.config;
import static org.assertj.core.api.Assertions.assertThat;

import dev.conduit.support.Http;
import dev.conduit.support.TestApp;
import dev.conduit.support.TestDatabase;
import dev.conduit.support.Users;
import io.dropwizard.testing.ConfigOverride;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * In-memory rate limits against the real application: the credential endpoints allow a burst of 5
 * per client IP, then 429 with Retry-After and a RealWorld body; the client IP is the one a trusted
 * proxy reports, and a direct caller cannot dodge its bucket with X-Forwarded-For; every API route
 * has a looser limit; health probes have none.
 */
class RateLimitIT {
  static final Map<String, Object> BAD_LOGIN = Users.login("nobody@example.com", "wrong-password");

  static TestApp start(TestDatabase db, ConfigOverride... extra) {
    List<ConfigOverride> overrides = new ArrayList<>(List.of(extra));
    overrides.add(config("edge.rateLimit.enabled", "true"));
    return TestApp.start(db, overrides.toArray(ConfigOverride[]::new));
  }

  @Test
  void credentialEndpointsAllowABurstOfFivePerClientIp() {
    try (TestDatabase db = TestDatabase.h2();
        TestApp app = start(db, config("edge.trustedProxies", "127.0.0.1/32"))) {
      Http alice = app.http().withHeader("X-Forwarded-For", "198.51.100.1");
      for (int i = 0; i < 5; i++) {
        assertThat(alice.post("/users/login", BAD_LOGIN).status()).isEqualTo(401);
      }
      var limited = alice.post("/users/login", BAD_LOGIN);
      assertThat(limited.status()).isEqualTo(429);
      assertThat(Integer.parseInt(limited.header("Retry-After"))).isBetween(1, 60);
      assertThat(limited.json().at("/errors/request/0").asText()).startsWith("too many requests");
      assertThat(limited.header("X-Request-Id")).isNotBlank();

      // Another client (per the trusted proxy) has its own bucket; other routes are not affected.
      Http bob = app.http().withHeader("X-Forwarded-For", "198.51.100.2");
      assertThat(bob.post("/users/login", BAD_LOGIN).status()).isEqualTo(401);
      assertThat(alice.get("/user").status()).isEqualTo(401);

      // Registration draws from the same kind of bucket.
      Http carol = app.http().withHeader("X-Forwarded-For", "198.51.100.3");
      for (int i = 0; i < 5; i++) {
        Users.register(carol, "carol" + i);
      }
      assertThat(carol.post("/users", Map.of("user", Map.of())).status()).isEqualTo(429);
    }
  }

  @Test
  void aDirectCallerCannotDodgeItsBucketWithXForwardedFor() {
    try (TestDatabase db = TestDatabase.h2();
        TestApp app = start(db)) {
      for (int i = 0; i < 5; i++) {
        var spoofed = app.http().withHeader("X-Forwarded-For", "203.0.113." + i);
        assertThat(spoofed.post("/users/login", BAD_LOGIN).status()).isEqualTo(401);
      }
      var sixth = app.http().withHeader("X-Forwarded-For", "203.0.113.99");
      assertThat(sixth.post("/users/login", BAD_LOGIN).status()).isEqualTo(429);
    }
  }

  @Test
  void everyApiRouteHasALooserLimitAndProbesHaveNone() {
    try (TestDatabase db = TestDatabase.h2();
        TestApp app =
            start(
                db,
                config("edge.rateLimit.apiBurst", "8"),
                config("edge.rateLimit.apiPerMinute", "1"))) {
      for (int i = 0; i < 8; i++) {
        assertThat(app.http().get("/user").status()).isEqualTo(401);
      }
      var limited = app.http().get("/tags");
      assertThat(limited.status()).isEqualTo(429);
      assertThat(limited.header("Retry-After")).isNotNull();

      Http root = new Http(app.appRoot());
      for (int i = 0; i < 3; i++) {
        assertThat(root.get("/health/live").status()).isNotEqualTo(429);
      }
    }
  }
}
