package dev.conduit.web;

import static io.dropwizard.testing.ConfigOverride.config;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import dev.conduit.support.TestApp;
import dev.conduit.support.TestDatabase;
import io.sentry.Sentry;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/**
 * Sentry, end to end: the {@code type: sentry} appender of config.yml pointed (through its DSN) at
 * an HTTP listener this test owns. An unhandled error must arrive as an event with the request id,
 * the environment and the release, and none of the request's secrets.
 */
class SentryIT {

  @Test
  void unhandledErrorIsSentWithTheRequestIdAndWithoutSecrets() throws Exception {
    BlockingQueue<String> envelopes = new LinkedBlockingQueue<>();
    HttpServer sentry = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    sentry.createContext(
        "/",
        exchange -> {
          byte[] body = exchange.getRequestBody().readAllBytes();
          String encoding = exchange.getRequestHeaders().getFirst("Content-Encoding");
          InputStream in = new ByteArrayInputStream(body);
          if ("gzip".equalsIgnoreCase(encoding)) {
            in = new GZIPInputStream(in);
          }
          envelopes.add(
              exchange.getRequestURI().getPath()
                  + "\n"
                  + new String(in.readAllBytes(), StandardCharsets.UTF_8));
          exchange.sendResponseHeaders(200, 2);
          exchange.getResponseBody().write("{}".getBytes(StandardCharsets.UTF_8));
          exchange.close();
        });
    sentry.start();
    String dsn =
        "http://0123456789abcdef0123456789abcdef@127.0.0.1:"
            + sentry.getAddress().getPort()
            + "/42";
    try (TestDatabase db = TestDatabase.h2();
        TestApp app =
            TestApp.start(
                FailingApplication.class,
                db,
                config("logging.appenders[1].dsn", dsn),
                config("logging.appenders[1].environment", "sentry-it"))) {
      String password = "password-sentryuser";
      String token = app.register("sentryuser");

      var reply =
          app.http()
              .withToken(token)
              .withHeader("X-Request-Id", "sentry-req-1")
              .withHeader("Cookie", "session=cookie-secret-123")
              .get("/test-failures/boom");
      assertThat(reply.status()).isEqualTo(500);

      String event =
          await("an event for the failed request reached the listener")
              .atMost(Duration.ofSeconds(20))
              .until(
                  () ->
                      envelopes.stream()
                          .filter(e -> e.contains("sentry-req-1"))
                          .findFirst()
                          .orElse(null),
                  e -> e != null);
      assertThat(event)
          .startsWith("/api/42/envelope/")
          .contains("IllegalStateException")
          .contains("\"environment\":\"sentry-it\"")
          .contains("\"release\":\"conduit@");
      assertThat(event)
          .doesNotContain(token)
          .doesNotContain("hunter2")
          .doesNotContain(password)
          .doesNotContain(TestApp.JWT_SECRET)
          .doesNotContain("cookie-secret-123");
    } finally {
      sentry.stop(0);
      Sentry.close();
    }
  }
}
