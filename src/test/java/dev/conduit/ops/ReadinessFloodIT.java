package dev.conduit.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conduit.support.Http;
import dev.conduit.support.TestApp;
import dev.conduit.support.TestDatabase;
import dev.conduit.support.Users;
import io.dropwizard.testing.ConfigOverride;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Fifty clients hammering {@code /health/ready} (which skips rate limits and host checks) must not
 * starve the connection pool: readiness runs its database probe at most once per interval, every
 * probe still gets an answer, and API requests made meanwhile all succeed. On PostgreSQL, with a
 * pool of four connections so that starvation would show.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReadinessFloodIT {
  private static final int PROBE_LOOPS = 50;
  private static final int API_LOOPS = 3;
  private static final Duration FLOOD = Duration.ofSeconds(5);

  private TestApp app;

  @BeforeAll
  void start() {
    app =
        TestApp.start(
            TestDatabase.postgres(),
            ConfigOverride.config("database.maxSize", "4"),
            ConfigOverride.config("database.minSize", "1"),
            ConfigOverride.config("database.initialSize", "1"),
            ConfigOverride.config("ops.readinessInterval", "1s"));
  }

  @AfterAll
  void stop() {
    if (app != null) {
      app.close();
      app.database().close();
    }
  }

  @Test
  void aProbeFloodRunsOneDatabaseProbePerIntervalAndTheApiKeepsAnswering() throws Exception {
    String token = app.register("flood" + System.nanoTime() % 100_000);
    Http api = app.http().withToken(token);
    Http root = new Http(app.appRoot());
    var probesRun = app.environment().metrics().counter("ops.readiness.probes");
    long probesBefore = probesRun.getCount();

    AtomicInteger probeAnswers = new AtomicInteger();
    AtomicInteger apiAnswers = new AtomicInteger();
    var failures = new ConcurrentLinkedQueue<String>();
    long deadline = System.nanoTime() + FLOOD.toNanos();
    long started = System.nanoTime();
    ExecutorService pool = Executors.newFixedThreadPool(PROBE_LOOPS + API_LOOPS);
    List<Future<?>> loops = new ArrayList<>();
    for (int i = 0; i < PROBE_LOOPS; i++) {
      loops.add(
          pool.submit(
              () -> {
                while (System.nanoTime() < deadline) {
                  record(root.get("/health/ready"), probeAnswers, failures, "ready");
                }
              }));
    }
    for (int i = 0; i < API_LOOPS; i++) {
      loops.add(
          pool.submit(
              () -> {
                while (System.nanoTime() < deadline) {
                  record(api.get("/user"), apiAnswers, failures, "GET /user");
                  record(api.get("/articles?limit=5"), apiAnswers, failures, "GET /articles");
                  record(
                      api.put("/user", Users.update("bio", "still here")),
                      apiAnswers,
                      failures,
                      "PUT /user");
                }
              }));
    }
    for (Future<?> loop : loops) {
      loop.get(FLOOD.toSeconds() + 60, TimeUnit.SECONDS);
    }
    pool.shutdown();
    double seconds = (System.nanoTime() - started) / 1e9;
    long probes = probesRun.getCount() - probesBefore;
    System.out.printf(
        "readiness flood: %d probe answers, %d API answers, %d database probes in %.1f s%n",
        probeAnswers.get(), apiAnswers.get(), probes, seconds);

    assertThat(failures).as("requests that did not get their 200").isEmpty();
    assertThat(probeAnswers.get()).isGreaterThan(PROBE_LOOPS);
    assertThat(apiAnswers.get()).isGreaterThan(API_LOOPS);
    // One probe per started interval, plus one for the interval in progress.
    assertThat(probes).isBetween(1L, (long) Math.ceil(seconds) + 1);
  }

  private static void record(
      Http.Reply reply,
      AtomicInteger answers,
      ConcurrentLinkedQueue<String> failures,
      String what) {
    if (reply.status() == 200) {
      answers.incrementAndGet();
    } else {
      failures.add(what + " -> " + reply);
    }
  }
}
