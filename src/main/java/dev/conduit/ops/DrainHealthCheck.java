package dev.conduit.ops;

import com.codahale.metrics.health.HealthCheck;

/** Reports the drain state on the admin port: unhealthy while draining (out of rotation). */
public final class DrainHealthCheck extends HealthCheck {
  private final Drain drain;

  public DrainHealthCheck(Drain drain) {
    this.drain = drain;
  }

  @Override
  protected Result check() {
    boolean draining = drain.isDraining();
    ResultBuilder r = Result.builder().withDetail("draining", draining);
    return draining
        ? r.unhealthy().withMessage("draining: readiness answers 503").build()
        : r.healthy().build();
  }
}
