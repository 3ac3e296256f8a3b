package dev.conduit.web.ratelimit;

import com.codahale.metrics.health.HealthCheck;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import io.dropwizard.util.Duration;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/**
 * Token buckets per client network: tight on {@link RateLimited} credential routes, loose on every
 * API route; failed logins also per account (see {@code CredentialGuard}). {@code burst} is the
 * bucket size, {@code perMinute} its refill; with {@code redisUrl} they are shared by instances.
 */
public class RateLimitFactory {
  public static final String DISABLED_WARNING =
      "rate limiting is OFF (edge.rateLimit.enabled / RATE_LIMIT_ENABLED=false): no per-IP limits"
          + " and no per-account login throttling";

  public boolean enabled = true;

  @Min(1)
  public long authPerMinute = 10;

  @Min(1)
  public long authBurst = 5;

  @Min(1)
  public long apiPerMinute = 600;

  @Min(1)
  public long apiBurst = 120;

  @Min(1)
  public long loginFailureBurst = 5;

  @Min(1)
  public long loginFailuresPerMinute = 1;

  @Min(1)
  public long accountLoginFailureBurst = 20;

  @Min(1)
  public long accountLoginFailuresPerMinute = 4;

  /** {@code redis://[:password@]host:port[/db]}; empty keeps the buckets in this process. */
  @JsonSetter(nulls = Nulls.SKIP)
  @NotNull
  public String redisUrl = "";

  /** Namespaces the keys, so several services (or test runs) can share one Redis. */
  @NotNull public String redisKeyPrefix = "conduit:rl:";

  /** Slower than this, the instance falls back to local buckets. */
  @NotNull public Duration redisTimeout = Duration.milliseconds(250);

  /** What {@code /healthcheck} says with limits off. */
  public static HealthCheck offHealthCheck() {
    return new HealthCheck() {
      @Override
      protected Result check() {
        return Result.builder()
            .healthy()
            .withMessage(DISABLED_WARNING)
            .withDetail("enabled", false)
            .build();
      }
    };
  }

  public RateLimiter build() {
    return new RateLimiter(this);
  }
}
