package dev.conduit.ops;

import com.codahale.metrics.Counter;
import com.codahale.metrics.health.HealthCheck;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether this instance should get traffic: not draining, and the (time-bounded) {@code database}
 * and {@code migrations} health checks pass. The reason given when not ready is one of a few fixed
 * words, never exception text.
 *
 * <p>Probes are cheap to send and this path skips rate limits and host checks, so the database part
 * is not run per request: its result is kept for {@code ops.readinessInterval} and recomputed by
 * one caller at a time (Caffeine loads a key once; concurrent callers wait for that load). However
 * many probes arrive, the database sees at most one readiness round per interval. Draining is not
 * cached: it shows on the next probe.
 */
public final class Readiness {
  private static final Logger LOG = LoggerFactory.getLogger(Readiness.class);

  public static final String DRAINING = "draining";
  public static final String DATABASE = "database unavailable";
  public static final String SCHEMA = "schema not at expected version";

  private final Drain drain;
  private final Supplier<Optional<String>> databaseReason;

  /**
   * @param interval how long a database result is reused; zero probes on every call
   * @param probes counts database rounds actually run (metric {@code ops.readiness.probes})
   */
  public Readiness(
      Drain drain,
      HealthCheck database,
      HealthCheck migrations,
      Duration interval,
      Counter probes) {
    this.drain = drain;
    Supplier<Optional<String>> probe =
        () -> {
          probes.inc();
          return failed(database, DATABASE).or(() -> failed(migrations, SCHEMA));
        };
    if (interval.isZero()) {
      this.databaseReason = probe;
    } else {
      LoadingCache<Boolean, Optional<String>> cache =
          Caffeine.newBuilder()
              .expireAfterWrite(interval)
              // Load in the caller's thread: the checks already run on the bounded executor.
              .executor(Runnable::run)
              .build(key -> probe.get());
      this.databaseReason = () -> cache.get(Boolean.TRUE);
    }
  }

  /** Empty when ready; otherwise the short reason. */
  public Optional<String> notReadyReason() {
    if (drain.isDraining()) {
      return Optional.of(DRAINING);
    }
    Optional<String> reason = databaseReason.get();
    // Draining may have started while the probe ran.
    return drain.isDraining() ? Optional.of(DRAINING) : reason;
  }

  /**
   * {@code /health/ready}: 200 {@code {"status":"ready"}}, or 503 with the reason (a fixed word:
   * nothing to escape).
   */
  JsonServlet.Answer answer() {
    return notReadyReason()
        .map(
            r ->
                new JsonServlet.Answer(
                    503, "{\"status\":\"unavailable\",\"reason\":\"" + r + "\"}"))
        .orElseGet(() -> new JsonServlet.Answer(200, "{\"status\":\"ready\"}"));
  }

  private static Optional<String> failed(HealthCheck check, String reason) {
    HealthCheck.Result result = check.execute();
    if (result.isHealthy()) {
      return Optional.empty();
    }
    LOG.debug("readiness: {} ({})", reason, result.getMessage());
    return Optional.of(reason);
  }
}
