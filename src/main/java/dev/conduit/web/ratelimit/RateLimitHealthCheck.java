package dev.conduit.web.ratelimit;

import com.codahale.metrics.health.HealthCheck;

/**
 * Where the rate-limit buckets are. Non-critical by design: when Redis is unreachable the service
 * still limits (per instance), so this stays healthy and says "degraded" in its message and details
 * instead of taking the instance out of rotation.
 */
public class RateLimitHealthCheck extends HealthCheck {
  private final RateLimiter limiter;

  public RateLimitHealthCheck(RateLimiter limiter) {
    this.limiter = limiter;
  }

  /** Rate limiting switched off: healthy (the service works) but saying so on every check. */
  public static HealthCheck disabled() {
    return new HealthCheck() {
      @Override
      protected Result check() {
        return Result.builder()
            .healthy()
            .withMessage(RateLimitFactory.DISABLED_WARNING)
            .withDetail("enabled", false)
            .build();
      }
    };
  }

  @Override
  protected Result check() {
    RateLimiter.Mode mode = limiter.mode();
    ResultBuilder result =
        Result.builder()
            .healthy()
            .withDetail("buckets", mode.description())
            .withDetail("degraded", mode == RateLimiter.Mode.FALLBACK);
    return mode == RateLimiter.Mode.FALLBACK
        ? result
            .withMessage("degraded: Redis unreachable, limits are per instance until it answers")
            .build()
        : result.withMessage("buckets in " + mode.description()).build();
  }
}
