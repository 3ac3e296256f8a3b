package dev.conduit.ops;

import com.codahale.metrics.health.HealthCheck;

/** Wraps a health check so that it reports unhealthy after the configured timeout. */
public final class TimeBoundedHealthCheck extends HealthCheck {
  private final HealthCheck delegate;
  private final HealthExecutor executor;

  public TimeBoundedHealthCheck(HealthCheck delegate, HealthExecutor executor) {
    this.delegate = delegate;
    this.executor = executor;
  }

  @Override
  protected Result check() {
    try {
      return executor.call(delegate::execute);
    } catch (HealthExecutor.ProbeFailed e) {
      return Result.builder().unhealthy().withMessage("check " + e.getMessage()).build();
    }
  }
}
