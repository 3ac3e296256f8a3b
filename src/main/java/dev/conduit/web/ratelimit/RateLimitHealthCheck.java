package dev.conduit.web.ratelimit;

import com.codahale.metrics.health.HealthCheck;

/**
 * Where the buckets are. Healthy even without Redis (limits then hold per instance): "degraded"
 * says so without taking the instance out of rotation.
 */
public class RateLimitHealthCheck extends HealthCheck {
  private final RateLimiter limiter;

  public RateLimitHealthCheck(RateLimiter limiter) {
    this.limiter = limiter;
  }

  @Override
  protected Result check() {
    if (limiter == null) {
      return Result.builder()
          .healthy()
          .withMessage(RateLimitFactory.DISABLED_WARNING)
          .withDetail("enabled", false)
          .build();
    }
    boolean degraded = limiter.mode() == RateLimiter.Mode.FALLBACK;
    return Result.builder()
        .healthy()
        .withDetail("buckets", limiter.mode().description)
        .withDetail("degraded", degraded)
        .withMessage(
            degraded
                ? "degraded: Redis unreachable, limits are per instance until it answers"
                : "buckets in " + limiter.mode().description)
        .build();
  }
}
