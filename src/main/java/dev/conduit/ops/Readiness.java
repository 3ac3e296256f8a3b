package dev.conduit.ops;

import com.codahale.metrics.Counter;
import com.codahale.metrics.health.HealthCheck;
import com.google.common.base.Suppliers;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether this instance should get traffic: not draining, and the (time-bounded) {@code database}
 * and {@code migrations} checks pass; the reason is a fixed phrase, never exception text. Probes
 * skip rate limits, so the database part is reused for {@code ops.readinessInterval} and recomputed
 * by one caller at a time (the others wait for it): one round per interval, however many probes.
 */
public final class Readiness {
  private static final Logger LOG = LoggerFactory.getLogger(Readiness.class);

  public static final String DRAINING = "draining";
  public static final String DATABASE = "database unavailable";
  public static final String SCHEMA = "schema not at expected version";

  private final Drain drain;
  private final Supplier<Optional<String>> databaseReason;

  /** {@code probes} counts the database rounds actually run; a zero interval probes every call. */
  public Readiness(
      Drain drain,
      HealthCheck database,
      HealthCheck migrations,
      Duration interval,
      Counter probes) {
    this.drain = drain;
    com.google.common.base.Supplier<Optional<String>> probe =
        () -> {
          probes.inc();
          return failed(database, DATABASE).or(() -> failed(migrations, SCHEMA));
        };
    this.databaseReason =
        interval.isZero() ? probe : Suppliers.memoizeWithExpiration(probe, interval);
  }

  /** Empty when ready; otherwise the short reason. Draining is never cached. */
  public Optional<String> notReadyReason() {
    if (drain.isDraining()) {
      return Optional.of(DRAINING);
    }
    Optional<String> reason = databaseReason.get();
    // Draining may have started while the probe ran.
    return drain.isDraining() ? Optional.of(DRAINING) : reason;
  }

  /** {@code /health/ready}: 200, or 503 with the reason (a fixed phrase: nothing to escape). */
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
