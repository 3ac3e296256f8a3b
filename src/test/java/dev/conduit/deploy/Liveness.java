package dev.conduit.deploy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;

/** Polls a service started as a process until it answers. */
final class Liveness {
  private static final HttpClient CLIENT =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

  private Liveness() {}

  /**
   * True once the instance on {@code port} serves requests. TODO(issue 4): switch to GET
   * /health/ready == 200 once the health endpoints are on main; until then an answered login (4xx
   * for an empty body) proves Jetty, Jersey and the JSON layer are up.
   */
  static boolean isUp(int port) {
    try {
      HttpRequest request =
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/users/login"))
              .timeout(Duration.ofSeconds(2))
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString("{}"))
              .build();
      int status = CLIENT.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
      return status >= 400 && status < 500;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Waits until {@code up} holds or {@code alive} turns false; returns the time it took. */
  static Duration await(BooleanSupplier up, BooleanSupplier alive, Duration timeout, String what) {
    Instant start = Instant.now();
    Instant deadline = start.plus(timeout);
    while (Instant.now().isBefore(deadline)) {
      if (up.getAsBoolean()) {
        return Duration.between(start, Instant.now());
      }
      if (!alive.getAsBoolean()) {
        throw new AssertionError(what + " exited before it was up");
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    throw new AssertionError(what + " not up within " + timeout);
  }
}
