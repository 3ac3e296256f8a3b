package dev.conduit.web;

import static io.dropwizard.testing.ConfigOverride.config;
import static org.assertj.core.api.Assertions.assertThat;

import dev.conduit.support.TestApp;
import dev.conduit.support.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The production posture: a host allow-list, no trusted proxies (so forwarded headers from a direct
 * caller count for nothing), API docs off. (Settings that must stop start-up: {@link
 * EdgeStartupIT}.)
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EdgeStrictIT {
  TestApp app;

  @BeforeAll
  void start() {
    app =
        TestApp.start(
            FailingApplication.class,
            TestDatabase.h2(),
            config("edge.allowedHosts", "api.example.org"),
            config("edge.requireAllowedHosts", "true"),
            config("edge.openApi", "false"));
  }

  @AfterAll
  void stop() {
    app.close();
    app.database().close();
  }

  @Test
  void requestsForOtherHostsGet400Json() {
    var reply = RawHttp.get(app.port(), "/api/user", "evil.example", "");
    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.header("Content-Type")).startsWith("application/json");
    assertThat(reply.body()).isEqualTo("{\"errors\":{\"host\":[\"is not served here\"]}}");
    assertThat(reply.header("X-Request-Id")).isNotBlank();
    assertThat(reply.header("X-Content-Type-Options")).isEqualTo("nosniff");

    // By IP, as a scanner would: refused too.
    assertThat(RawHttp.get(app.port(), "/api/user", "127.0.0.1:" + app.port(), "").status())
        .isEqualTo(400);
  }

  @Test
  void listedHostsAreServedWhateverThePortOrCase() {
    assertThat(RawHttp.get(app.port(), "/api/user", "api.example.org", "").status()).isEqualTo(401);
    assertThat(RawHttp.get(app.port(), "/api/user", "API.Example.org:443", "").status())
        .isEqualTo(401);
  }

  @Test
  void probePathsAreExemptFromTheHostCheck() {
    // Orchestrators probe by pod IP. Whatever /health* answers, it is not the host refusal.
    var probe = RawHttp.get(app.port(), "/health/live", "10.0.0.7:8080", "");
    assertThat(probe.status()).isNotEqualTo(400);
    assertThat(probe.body()).doesNotContain("is not served here");
  }

  @Test
  void apiDocsAre404WhenNotEnabled() {
    var reply = RawHttp.get(app.port(), "/api/openapi.json", "api.example.org", "");
    assertThat(reply.status()).isEqualTo(404);
    assertThat(reply.body()).isEqualTo("{\"errors\":{\"request\":[\"not found\"]}}");
  }

  @Test
  void forwardedHeadersFromAnUntrustedCallerAreIgnored() {
    var reply =
        RawHttp.get(
            app.port(),
            "/api/user",
            "api.example.org",
            "X-Forwarded-Proto: https\r\nX-Forwarded-For: 203.0.113.50\r\n");
    assertThat(reply.header("Strict-Transport-Security")).isNull();

    try (LogCapture logs = new LogCapture()) {
      RawHttp.get(
          app.port(),
          "/api/test-failures/boom",
          "api.example.org",
          "X-Request-Id: spoofer\r\nX-Forwarded-For: 203.0.113.50\r\n");
      assertThat(logs.ofRequest("spoofer"))
          .isNotEmpty()
          .allSatisfy(
              e -> assertThat(e.getMDCPropertyMap()).containsEntry("clientIp", "127.0.0.1"));
    }
  }
}
