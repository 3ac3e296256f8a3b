package dev.conduit.deploy;

import dev.conduit.support.Await;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Polls a service started as a process until it answers. */
final class Liveness {
  private static final HttpClient CLIENT =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

  private Liveness() {}

  /** True once the instance on {@code port} is ready: GET /health/ready answers 200. */
  static boolean isUp(int port) {
    try {
      HttpRequest request =
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health/ready"))
              .timeout(Duration.ofSeconds(2))
              .GET()
              .build();
      return CLIENT.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /**
   * Waits until {@code up} holds or {@code alive} turns false; returns the time it took. {@code
   * what} is read only on failure, so it can quote the process output at that moment.
   */
  static Duration await(
      BooleanSupplier up, BooleanSupplier alive, Duration timeout, Supplier<String> what) {
    Instant start = Instant.now();
    Await.untilUp("the service", timeout, up::getAsBoolean, alive, what);
    return Duration.between(start, Instant.now());
  }
}
