package dev.conduit.web.ratelimit;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import io.dropwizard.util.Duration;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/**
 * Per-client-IP token buckets: a tight one for the credential endpoints (those marked {@link
 * RateLimited}: registration and login, where guessing passwords or mass-registering happens) and a
 * loose one for every API route. {@code burst} is the bucket size, {@code perMinute} its refill
 * rate. With {@code redisUrl} set the buckets live in Redis and hold across instances.
 *
 * <p>Failed logins are also counted per account (see {@code CredentialGuard}): per account and
 * client network ({@code loginFailure*}), and per account from everywhere ({@code
 * accountLoginFailure*}). Client networks are IPv4 addresses and IPv6 /64 prefixes.
 */
public class RateLimitFactory {
  /** What start-up logs and {@code /healthcheck} say when limits are off. */
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

  /** How long a Redis round trip may take before this instance falls back to local buckets. */
  @NotNull public Duration redisTimeout = Duration.milliseconds(250);

  public RateLimiter build() {
    return new RateLimiter(this);
  }
}
