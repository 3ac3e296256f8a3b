package dev.conduit.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conduit.support.TestApp;
import dev.conduit.support.TestDatabase;
import io.dropwizard.testing.ConfigOverride;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Slow-body clients ("slow POST") cannot take the server's threads: with a small thread pool and
 * more slow connections than threads, each trickling one byte a second, normal requests keep
 * answering, and the slow ones are cut with 408 long before they finish. Without a minimum request
 * data rate every slow connection would hold a thread until its body was complete.
 */
class SlowClientIT {
  private static final int SLOW_CLIENTS = 40;

  /** Valid JSON so far (an unterminated string), so the parser keeps waiting for more. */
  private static final String BODY = "{\"user\":{\"email\":\"" + "a".repeat(22);

  private static final int BODY_BYTES = BODY.length();
  private static final Duration BYTE_GAP = Duration.ofSeconds(1);

  @Test
  void slowBodiesAreCutAndNormalRequestsKeepAnswering() throws Exception {
    try (TestDatabase db = TestDatabase.postgres();
        TestApp app =
            TestApp.start(
                db,
                ConfigOverride.config("server.maxThreads", "24"),
                ConfigOverride.config("server.minThreads", "8"))) {
      ExecutorService pool = Executors.newFixedThreadPool(SLOW_CLIENTS);
      CountDownLatch trickling = new CountDownLatch(SLOW_CLIENTS);
      List<Future<String>> slow = new ArrayList<>();
      for (int i = 0; i < SLOW_CLIENTS; i++) {
        slow.add(pool.submit(() -> trickle(app.port(), trickling)));
      }
      // Every slow client is connected and trickling its body before the normal requests start.
      assertThat(trickling.await(30, TimeUnit.SECONDS)).as("slow clients trickling").isTrue();

      HttpClient http = HttpClient.newHttpClient();
      int normal = 0;
      long until = System.nanoTime() + Duration.ofSeconds(6).toNanos();
      while (System.nanoTime() < until) {
        // Held threads would leave this waiting in Jetty's queue until the client gives up.
        var reply =
            http.send(
                HttpRequest.newBuilder(URI.create(app.baseUrl() + "/tags"))
                    .timeout(Duration.ofSeconds(10))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(reply.statusCode()).as("a normal request among slow clients").isEqualTo(200);
        normal++;
        Thread.sleep(200);
      }

      List<String> outcomes = new ArrayList<>();
      for (Future<String> f : slow) {
        outcomes.add(f.get(BYTE_GAP.toSeconds() * BODY_BYTES + 30, TimeUnit.SECONDS));
      }
      pool.shutdownNow();
      System.out.printf("slow clients: %d normal requests answered; slow: %s%n", normal, outcomes);
      assertThat(outcomes)
          .as("every slow client was cut before sending half its body")
          .allSatisfy(
              o -> {
                assertThat(o).startsWith("cut after");
                assertThat(Integer.parseInt(o.split(" ")[2])).isLessThan(BODY_BYTES / 2);
              });
      assertThat(outcomes).allSatisfy(o -> assertThat(o).endsWith("HTTP/1.1 408 Request Timeout"));
    }
  }

  @Test
  void productionSetsTheSameConnectorBounds() throws IOException {
    String prod = Files.readString(Path.of("config-prod.yml"));
    assertThat(prod)
        .contains("minRequestDataPerSecond: ${HTTP_MIN_REQUEST_RATE:-240B}")
        .contains("idleTimeout: ${HTTP_IDLE_TIMEOUT:-30s}")
        .contains("maxRequestHeaderSize: 8KiB");
  }

  /**
   * Sends a POST whose body arrives one byte per {@link #BYTE_GAP}. Returns "cut after N bytes:
   * <status line>" when the server ended the exchange early, "completed" otherwise.
   */
  private static String trickle(int port, CountDownLatch trickling)
      throws IOException, InterruptedException {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout((int) BYTE_GAP.toMillis());
      OutputStream out = socket.getOutputStream();
      InputStream in = socket.getInputStream();
      out.write(
          ("POST /api/users/login HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                  + "Content-Type: application/json\r\nContent-Length: "
                  + BODY_BYTES
                  + "\r\n\r\n")
              .getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      for (int sent = 0; sent < BODY_BYTES; sent++) {
        try {
          out.write(BODY.charAt(sent));
          out.flush();
        } catch (IOException closed) {
          return "cut after " + sent + " bytes: connection closed";
        } finally {
          if (sent == 0) {
            trickling.countDown();
          }
        }
        String answer = readStatusLine(in);
        if (answer != null) {
          return "cut after " + (sent + 1) + " bytes: " + answer;
        }
      }
      return "completed";
    }
  }

  /** The status line if the server answered (or "closed"), null if it is still waiting. */
  private static String readStatusLine(InputStream in) throws IOException {
    StringBuilder line = new StringBuilder();
    try {
      int c;
      while ((c = in.read()) >= 0 && c != '\r') {
        line.append((char) c);
      }
      return c < 0 && line.length() == 0 ? "connection closed" : line.toString();
    } catch (SocketTimeoutException stillWaiting) {
      return line.length() == 0 ? null : line.toString();
    } catch (IOException reset) {
      return "connection reset";
    }
  }
}
