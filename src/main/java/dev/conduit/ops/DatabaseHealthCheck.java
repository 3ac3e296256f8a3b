package dev.conduit.ops;

import com.codahale.metrics.health.HealthCheck;
import org.jdbi.v3.core.Jdbi;

/**
 * One round trip to the database (pool checkout plus {@code SELECT 1}); reports how long it took.
 * The query carries its own timeout too, so the connection is freed even after the probe gave up.
 */
public final class DatabaseHealthCheck extends HealthCheck {
  private final Jdbi jdbi;
  private final int queryTimeoutSeconds;

  public DatabaseHealthCheck(Jdbi jdbi, int queryTimeoutSeconds) {
    this.jdbi = jdbi;
    this.queryTimeoutSeconds = Math.max(1, queryTimeoutSeconds);
  }

  /** Throws if the database does not answer; returns the round trip in milliseconds. */
  public double roundTripMillis() {
    long start = System.nanoTime();
    jdbi.useHandle(
        h ->
            h.createQuery("SELECT 1")
                .setQueryTimeout(queryTimeoutSeconds)
                .mapTo(Integer.class)
                .one());
    return (System.nanoTime() - start) / 1e6;
  }

  @Override
  protected Result check() {
    try {
      double ms = roundTripMillis();
      return Result.builder()
          .healthy()
          .withDetail("roundTripMillis", Math.round(ms * 10) / 10.0)
          .build();
    } catch (RuntimeException e) {
      // The exception class only: messages can carry host names.
      return Result.builder()
          .unhealthy()
          .withMessage("database unavailable (" + e.getClass().getSimpleName() + ")")
          .build();
    }
  }
}
