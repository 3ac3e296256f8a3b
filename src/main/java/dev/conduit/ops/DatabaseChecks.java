package dev.conduit.ops;

import com.codahale.metrics.health.HealthCheck.Result;
import io.dropwizard.util.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.apache.tomcat.jdbc.pool.DataSourceProxy;
import org.jdbi.v3.core.Jdbi;

/** Checks for /healthcheck. Failures name the exception class only: messages carry host names. */
final class DatabaseChecks {
  private DatabaseChecks() {}

  /** Pool checkout plus {@code SELECT 1}, timed; the query timeout frees it after a give-up. */
  static Callable<Result> roundTrip(Jdbi jdbi, Duration timeout) {
    int seconds = (int) Math.max(1, Math.ceil(timeout.toMilliseconds() / 1000.0));
    return () -> {
      long start = System.nanoTime();
      try {
        jdbi.useHandle(h -> h.select("SELECT 1").setQueryTimeout(seconds).mapTo(int.class).one());
      } catch (RuntimeException e) {
        return Result.unhealthy("database unavailable (" + e.getClass().getSimpleName() + ")");
      }
      long tenths = Math.round((System.nanoTime() - start) / 1e5); // of a millisecond
      return Result.builder().healthy().withDetail("roundTripMillis", tenths / 10.0).build();
    };
  }

  /** Unhealthy only when every connection is in use and requests queue for one. */
  static Callable<Result> pool(DataSourceProxy pool) {
    return () -> {
      int max = pool.getMaxActive();
      int active = pool.getActive();
      int waiting = pool.getWaitCount();
      double saturation = max <= 0 ? 0 : (double) active / max;
      var result =
          Result.builder()
              .withDetail("active", active)
              .withDetail("idle", pool.getIdle())
              .withDetail("waiting", waiting)
              .withDetail("max", max)
              .withDetail("saturation", Math.round(saturation * 100) / 100.0);
      return active >= max && waiting > 0
          ? result.unhealthy().withMessage("pool exhausted: requests are waiting").build()
          : result.healthy().build();
    };
  }

  /** Unhealthy while changesets of this build are not applied (run {@code db migrate}). */
  static Callable<Result> migrations(Jdbi jdbi, Supplier<SchemaVersion> expected) {
    return () -> {
      // Parsed off the main thread (Ops): a changelog the jar cannot read shows here, not at start.
      SchemaVersion schema;
      try {
        schema = expected.get();
      } catch (RuntimeException e) {
        return Result.unhealthy("changelog of this build unreadable");
      }
      var r = Result.builder().withDetail("expected", schema.expectedCount());
      try {
        List<String> pending = jdbi.withHandle(schema::pending);
        r.withDetail("pending", pending.size());
        if (!pending.isEmpty()) {
          r.unhealthy().withMessage("pending migrations").withDetail("pendingChangesets", pending);
        }
      } catch (RuntimeException e) {
        r.unhealthy().withMessage("schema version unknown (" + e.getClass().getSimpleName() + ")");
      }
      return r.build();
    };
  }
}
