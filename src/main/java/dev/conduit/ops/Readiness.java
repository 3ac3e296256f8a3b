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

  private final Drain drain;
  private final Supplier<Optional<String>> databaseReason;

  /** {@code probes} counts the database rounds run; a zero interval probes on every call. */
  public Readiness(
      Drain drain, HealthCheck database, HealthCheck schema, Duration interval, Counter probes) {
    this.drain = drain;
    com.google.common.base.Supplier<Optional<String>> probe =
        () -> {
          probes.inc();
          return failed(database, "database unavailable")
              .or(() -> failed(schema, "schema not at expected version"));
        };
    this.databaseReason =
        interval.isZero() ? probe : Suppliers.memoizeWithExpiration(probe, interval);
  }

  /** 200, or 503 with a reason: a fixed phrase, never exception text, so nothing to escape. */
  JsonServlet.Answer answer() {
    Optional<String> reason = drain.isDraining() ? Optional.empty() : databaseReason.get();
    // Draining is never cached, and may have started while the probe ran.
    reason = drain.isDraining() ? Optional.of("draining") : reason;
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
