package dev.conduit.ops;

import com.codahale.metrics.health.HealthCheck;
import org.apache.tomcat.jdbc.pool.DataSourceProxy;

/**
 * Connection pool saturation: unhealthy only when every connection is in use and requests are
 * queueing for one (they will fail after {@code maxWaitForConnection}).
 */
public final class PoolHealthCheck extends HealthCheck {
  private final DataSourceProxy pool;

  public PoolHealthCheck(DataSourceProxy pool) {
    this.pool = pool;
  }

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
    if (active >= max && waiting > 0) {
      return result.unhealthy().withMessage("pool exhausted: requests are waiting").build();
    }
    return result.healthy().build();
  }
}
