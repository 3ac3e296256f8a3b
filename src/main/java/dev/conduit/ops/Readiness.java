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
 * Ready: not draining, and the bounded database and migrations checks pass. Probes skip rate
 * limits, so that result is reused for readinessInterval, recomputed by one caller at a time.
 */
public final class Readiness {
  private static final Logger LOG = LoggerFactory.getLogger(Readiness.class);

  // Fixed phrases, never exception text: nothing to escape in the JSON answer.
  public static final String DRAINING = "draining";
  public static final String DATABASE = "database unavailable";
  public static final String SCHEMA = "schema not at expected version";

  private final Drain drain;
  private final Supplier<Optional<String>> databaseReason;

  /** {@code probes} counts the database rounds run; a zero interval probes on every call. */
  public Readiness(
      Drain drain, HealthCheck database, HealthCheck schema, Duration interval, Counter probes) {
    this.drain = drain;
    com.google.common.base.Supplier<Optional<String>> probe =
        () -> {
          probes.inc();
          return failed(database, DATABASE).or(() -> failed(schema, SCHEMA));
        };
    this.databaseReason =
        interval.isZero() ? probe : Suppliers.memoizeWithExpiration(probe, interval);
  }

  /** Empty when ready. Draining is never cached, and may start while the probe runs. */
  public Optional<String> notReadyReason() {
    Optional<String> reason = drain.isDraining() ? Optional.empty() : databaseReason.get();
    return drain.isDraining() ? Optional.of(DRAINING) : reason;
  }

  JsonServlet.Answer answer() {
    Optional<String> reason = notReadyReason();
    return reason.isEmpty()
        ? new JsonServlet.Answer(200, "{\"status\":\"ready\"}")
        : new JsonServlet.Answer(
            503, "{\"status\":\"unavailable\",\"reason\":\"%s\"}".formatted(reason.get()));
  }

  private static Optional<String> failed(HealthCheck check, String reason) {
    HealthCheck.Result result = check.execute();
    if (!result.isHealthy()) {
      LOG.debug("readiness: {} ({})", reason, result.getMessage());
    }
    return result.isHealthy() ? Optional.empty() : Optional.of(reason);
  }
}
