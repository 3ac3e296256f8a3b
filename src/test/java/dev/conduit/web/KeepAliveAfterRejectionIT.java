package dev.conduit.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.conduit.support.TestApp;
import dev.conduit.support.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A request refused before its body is read (401 on a write without a token) must leave the
 * keep-alive connection usable: the server reads the rest of the body before it answers, so a
 * client that reuses the connection is not met by a silently closed socket.
 */
class KeepAliveAfterRejectionIT {
  static TestApp app;

  @BeforeAll
  static void start() {
    app = TestApp.start(TestDatabase.h2());
  }

  @AfterAll
  static void stop() {
    app.close();
    app.database().close();
  }

  @Test
  void aRejectedPostWhoseBodyArrivesLateKeepsTheConnectionUsable() throws Exception {
    postLateThenGet("/api/articles/any/comments", "HTTP/1.1 401");
  }

  /** The same outside Jersey: Jetty's default servlet refuses a POST to an unknown path (405). */
  @Test
  void aPostToAnUnknownPathKeepsTheConnectionUsable() throws Exception {
    postLateThenGet("/no-such-path", "HTTP/1.1 405");
  }

  private static void postLateThenGet(String path, String expectedStatus) throws Exception {
    String body = "{\"comment\":{\"body\":\"late\"}}";
    try (Socket socket = new Socket("127.0.0.1", app.port())) {
      socket.setSoTimeout(10_000);
      var out = socket.getOutputStream();
      out.write(
          ("POST "
                  + path
                  + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                  + "Content-Type: application/json\r\nContent-Length: "
                  + body.length()
                  + "\r\n\r\n")
              .getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      // The server can decide (401) from the headers alone: the body is sent only once the server
      // is handling the request, so it certainly arrives after the decision.
      await("the server handling the request before its body arrives")
          .atMost(Duration.ofSeconds(30))
          .until(() -> activeRequests() > 0);
      out.write(body.getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      assertThat(readResponse(socket.getInputStream())).startsWith(expectedStatus);

      out.write(
          "GET /api/tags HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
              .getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      assertThat(readResponse(socket.getInputStream())).startsWith("HTTP/1.1 200");
    }
  }

  /** Requests Jetty is handling on the application port (Dropwizard's instrumented handler). */
  private static long activeRequests() {
    return app.environment()
        .metrics()
        .counter("io.dropwizard.jetty.MutableServletContextHandler.active-requests")
        .getCount();
  }

  /** One response: headers, then exactly Content-Length bytes (or the chunks) of body. */
  private static String readResponse(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        return head.toString(StandardCharsets.ISO_8859_1) + "<connection closed>";
      }
      head.write(b);
    }
    String headers = head.toString(StandardCharsets.ISO_8859_1);
    String lower = headers.toLowerCase(Locale.ROOT);
    if (lower.contains("transfer-encoding: chunked")) {
      while (true) {
        String sizeLine = readLine(in);
        int size = Integer.parseInt(sizeLine.trim(), 16);
        in.readNBytes(size + 2);
        if (size == 0) {
          break;
        }
      }
    } else {
      int at = lower.indexOf("content-length:");
      int length = Integer.parseInt(lower.substring(at + 15, lower.indexOf("\r\n", at)).trim());
      in.readNBytes(length);
    }
    return headers;
  }

  private static String readLine(InputStream in) throws IOException {
    StringBuilder line = new StringBuilder();
    int b;
    while ((b = in.read()) >= 0 && b != '\n') {
      line.append((char) b);
    }
    return line.toString();
  }
}
