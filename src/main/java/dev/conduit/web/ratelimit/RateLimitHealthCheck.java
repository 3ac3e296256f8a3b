package dev.conduit.web.ratelimit;

import com.codahale.metrics.health.HealthCheck;

/**
 * Where the rate-limit buckets are. Non-critical by design: when Redis is unreachable the service
 * still limits (per instance), so this stays healthy and says "degraded" in its message and details
 * instead of taking the instance out of rotation. With limits off (null limiter) it says so.
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
