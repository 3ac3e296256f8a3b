package dev.conduit.ops;

import com.codahale.metrics.health.HealthCheck;
import java.util.List;
import org.apache.tomcat.jdbc.pool.DataSourceProxy;
import org.jdbi.v3.core.Jdbi;

/**
 * The database's health checks on the admin port ({@code /healthcheck}); readiness reuses {@code
 * database} and {@code migrations}. Failures name the exception class only: messages can carry host
 * names.
 */
final class DatabaseChecks {
  private DatabaseChecks() {}

  /**
   * One round trip (pool checkout plus {@code SELECT 1}); reports how long it took. The query
   * carries its own timeout too, so the connection is freed even after the probe gave up.
   */
  static HealthCheck roundTrip(Jdbi jdbi, int queryTimeoutSeconds) {
    return new HealthCheck() {
      @Override
      protected Result check() {
        long start = System.nanoTime();
        try {
          jdbi.useHandle(
              h ->
                  h.createQuery("SELECT 1")
                      .setQueryTimeout(queryTimeoutSeconds)
                      .mapTo(Integer.class)
                      .one());
        } catch (RuntimeException e) {
          return Result.unhealthy("database unavailable (" + e.getClass().getSimpleName() + ")");
        }
        double ms = (System.nanoTime() - start) / 1e6;
        return Result.builder()
            .healthy()
            .withDetail("roundTripMillis", Math.round(ms * 10) / 10.0)
            .build();
      }
    };
  }

  /**
   * Connection pool saturation: unhealthy only when every connection is in use and requests are
   * queueing for one (they will fail after {@code maxWaitForConnection}).
   */
  static HealthCheck pool(DataSourceProxy pool) {
    return new HealthCheck() {
      @Override
      protected Result check() {
        int max = pool.getMaxActive();
        int active = pool.getActive();
        int waiting = pool.getWaitCount();
        double saturation = max <= 0 ? 0 : (double) active / max;
        ResultBuilder result =
            Result.builder()
                .withDetail("active", active)
                .withDetail("idle", pool.getIdle())
                .withDetail("waiting", waiting)
                .withDetail("max", max)
                .withDetail("saturation", Math.round(saturation * 100) / 100.0);
        return active >= max && waiting > 0
            ? result.unhealthy().withMessage("pool exhausted: requests are waiting").build()
            : result.healthy().build();
      }
    };
  }

  /** Unhealthy while changesets of this build are not applied (run {@code db migrate}). */
  static HealthCheck migrations(Jdbi jdbi, SchemaVersion schema) {
    return new HealthCheck() {
      @Override
      protected Result check() {
        ResultBuilder result = Result.builder().withDetail("expected", schema.expectedCount());
        List<String> pending;
        try {
          pending = jdbi.withHandle(schema::pending);
        } catch (RuntimeException e) {
          return result
              .unhealthy()
              .withMessage("schema version unknown (" + e.getClass().getSimpleName() + ")")
              .build();
        }
        result.withDetail("pending", pending.size());
        return pending.isEmpty()
            ? result.healthy().build()
            : result
                .unhealthy()
                .withMessage("pending migrations")
                .withDetail("pendingChangesets", pending)
                .build();
      }
    };
  }
}
