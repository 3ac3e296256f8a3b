package dev.conduit.web;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.conduit.support.Http;
import dev.conduit.support.TestApp;
import dev.conduit.support.TestDatabase;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Every error on the application port is RealWorld JSON with a request id, whoever produces it: our
 * resources, Jersey (404/405/415), or Jetty itself (paths outside /api, malformed requests,
 * exceptions in filters). Nothing internal leaks. Request ids are echoed when safe, and every log
 * line of a request carries the id (and a valid traceparent).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ErrorHygieneIT {
  static final String INTERNAL_ERROR = "{\"errors\":{\"server\":[\"internal error\"]}}";

  TestApp app;
  Http api;
  Http root;

  @BeforeAll
  void start() {
    app = TestApp.start(FailingApplication.class, TestDatabase.h2());
    api = app.http();
    root = new Http(app.appRoot());
  }

  @AfterAll
  void stop() {
    app.close();
    app.database().close();
  }

  @Test
  void unhandledExceptionInAResourceIs500JsonWithTheRequestIdAndNothingInternal() {
    var reply = api.withHeader("X-Request-Id", "boom-1").get("/test-failures/boom");

    assertThat(reply.status()).isEqualTo(500);
    assertThat(reply.body()).isEqualTo(INTERNAL_ERROR);
    assertThat(reply.header("X-Request-Id")).isEqualTo("boom-1");
    assertThat(reply.header("Content-Type")).startsWith("application/json");
    assertNothingInternal(reply.body());
  }

  @Test
  void exceptionOutsideJerseyIsTheSame500Json() {
    var reply = root.withHeader("X-Request-Id", "filter-boom").get("/failing-filter");

    assertThat(reply.status()).isEqualTo(500);
    assertThat(reply.body()).isEqualTo(INTERNAL_ERROR);
    assertThat(reply.header("X-Request-Id")).isEqualTo("filter-boom");
    assertThat(reply.header("Content-Type")).startsWith("application/json");
    assertNothingInternal(reply.body());
  }

  @Test
  void unknownRoutesAre404JsonInsideAndOutsideTheApi() {
    for (var reply :
        List.of(
            api.get("/no-such-route"),
            root.get("/no-such-page"),
            root.get("/"),
            root.withHeader("Accept", "text/html").get("/index.html"))) {
      assertThat(reply.status()).as(reply.toString()).isEqualTo(404);
      assertThat(reply.header("Content-Type")).startsWith("application/json");
      assertThat(reply.json().at("/errors/request/0").asText()).isEqualTo("not found");
      assertThat(reply.header("X-Request-Id")).isNotBlank();
    }
  }

  @Test
  void wrongMethodIs405JsonAndKeepsAllow() {
    var reply = api.delete("/users");

    assertThat(reply.status()).isEqualTo(405);
    assertThat(reply.json().at("/errors/request/0").asText()).isEqualTo("method not allowed");
    assertThat(reply.header("Allow")).contains("POST");
    assertThat(reply.header("X-Request-Id")).isNotBlank();
  }

  @Test
  void wrongContentTypeIs415Json() {
    var reply = api.send("POST", "/users/login", "email=a&password=b", "text/plain");

    assertThat(reply.status()).isEqualTo(415);
    assertThat(reply.json().at("/errors/request/0").asText()).isEqualTo("unsupported media type");
    assertThat(reply.header("X-Request-Id")).isNotBlank();
  }

  @Test
  void malformedRequestsAnsweredByJettyAreJson() {
    var badLine = RawHttp.send(app.port(), "BLAH\r\n\r\n");
    assertThat(badLine.status()).isEqualTo(400);
    assertThat(badLine.header("Content-Type")).startsWith("application/json");
    assertThat(badLine.body()).isEqualTo("{\"errors\":{\"request\":[\"bad request\"]}}");
    assertThat(badLine.header("X-Request-Id")).isNotBlank();

    var ambiguous = RawHttp.get(app.port(), "/%2e%2e/%2e%2e/etc/passwd", "localhost", "");
    assertThat(ambiguous.status()).isEqualTo(400);
    assertThat(ambiguous.header("Content-Type")).startsWith("application/json");

    var hugeHeader =
        RawHttp.get(app.port(), "/api/tags", "localhost", "X-Big: " + "a".repeat(20_000) + "\r\n");
    assertThat(hugeHeader.status()).isEqualTo(431);
    assertThat(hugeHeader.header("Content-Type")).startsWith("application/json");
    assertThat(hugeHeader.body()).contains("\"errors\"");
  }

  @Test
  void safeRequestIdsAreEchoedOthersReplaced() {
    assertThat(api.withHeader("X-Request-Id", "abc.DEF-123_x").get("/user").header("X-Request-Id"))
        .isEqualTo("abc.DEF-123_x");

    String tooLong = "a".repeat(65);
    for (String unsafe : List.of(tooLong, "has space", "<script>", "semi;colon", "ünïcode")) {
      var reply = api.withHeader("X-Request-Id", unsafe).get("/user");
      assertThat(reply.header("X-Request-Id"))
          .as("replacement for %s", unsafe)
          .isNotEqualTo(unsafe)
          .matches("[0-9a-f-]{36}");
    }
    // Generated when absent, and different every time.
    assertThat(api.get("/user").header("X-Request-Id"))
        .isNotEqualTo(api.get("/user").header("X-Request-Id"));
    assertThat(api.withHeader("X-Request-Id", "a".repeat(64)).get("/user").header("X-Request-Id"))
        .hasSize(64);
  }

  @Test
  void everyLogLineOfARequestCarriesItsIdAndTraceparent() {
    String traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
    try (LogCapture logs = new LogCapture()) {
      api.withHeader("X-Request-Id", "trace-me-1")
          .withHeader("traceparent", traceparent)
          .get("/test-failures/boom");
      api.withHeader("X-Request-Id", "trace-me-2")
          .withHeader("traceparent", "00-not-a-valid-traceparent")
          .get("/test-failures/boom");

      List<ILoggingEvent> first = logs.ofRequest("trace-me-1");
      assertThat(first)
          .extracting(ILoggingEvent::getFormattedMessage)
          .contains("about to fail on purpose", "Unhandled error");
      assertThat(first)
          .allSatisfy(
              e -> assertThat(e.getMDCPropertyMap()).containsEntry("traceparent", traceparent));
      assertThat(logs.ofRequest("trace-me-2"))
          .isNotEmpty()
          .allSatisfy(e -> assertThat(e.getMDCPropertyMap()).doesNotContainKey("traceparent"));
    }
  }

  static void assertNothingInternal(String body) {
    assertThat(body)
        .doesNotContain("Exception")
        .doesNotContain("SELECT")
        .doesNotContain("hunter2")
        .doesNotContain("at dev.")
        .doesNotContain("<html");
  }
}
