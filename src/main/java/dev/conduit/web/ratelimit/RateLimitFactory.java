package dev.conduit.web.ratelimit;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/**
 * Per-client-IP token buckets: a tight one for the credential endpoints ({@code POST /api/users}
 * and {@code POST /api/users/login}, where guessing passwords or mass-registering happens) and a
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

  private boolean enabled = true;

  @Min(1)
  private long authPerMinute = 10;

  @Min(1)
  private long authBurst = 5;

  @Min(1)
  private long apiPerMinute = 600;

  @Min(1)
  private long apiBurst = 120;

  @Min(1)
  private long loginFailureBurst = 5;

  @Min(1)
  private long loginFailuresPerMinute = 1;

  @Min(1)
  private long accountLoginFailureBurst = 20;

  @Min(1)
  private long accountLoginFailuresPerMinute = 4;

  /** {@code redis://[:password@]host:port[/db]}; empty keeps the buckets in this process. */
  @NotNull private String redisUrl = "";

  /** Namespaces the keys, so several services (or test runs) can share one Redis. */
  @NotNull private String redisKeyPrefix = "conduit:rl:";

  /** How long a Redis round trip may take before this instance falls back to local buckets. */
  @NotNull private Duration redisTimeout = Duration.milliseconds(250);

  public RateLimiter build() {
    return new RateLimiter(this);
  }

  @JsonProperty
  public boolean isEnabled() {
    return enabled;
  }

  @JsonProperty
  public void setEnabled(boolean enabled) {
    this.enabled = enabled;
  }

  @JsonProperty
  public long getAuthPerMinute() {
    return authPerMinute;
  }

  @JsonProperty
  public void setAuthPerMinute(long authPerMinute) {
    this.authPerMinute = authPerMinute;
  }

  @JsonProperty
  public long getAuthBurst() {
    return authBurst;
  }

  @JsonProperty
  public void setAuthBurst(long authBurst) {
    this.authBurst = authBurst;
  }

  @JsonProperty
  public long getApiPerMinute() {
    return apiPerMinute;
  }

  @JsonProperty
  public void setApiPerMinute(long apiPerMinute) {
    this.apiPerMinute = apiPerMinute;
  }

  @JsonProperty
  public long getApiBurst() {
    return apiBurst;
  }

  @JsonProperty
  public void setApiBurst(long apiBurst) {
    this.apiBurst = apiBurst;
  }

  @JsonProperty
  public long getLoginFailureBurst() {
    return loginFailureBurst;
  }

  @JsonProperty
  public void setLoginFailureBurst(long loginFailureBurst) {
    this.loginFailureBurst = loginFailureBurst;
  }

  @JsonProperty
  public long getLoginFailuresPerMinute() {
    return loginFailuresPerMinute;
  }

  @JsonProperty
  public void setLoginFailuresPerMinute(long loginFailuresPerMinute) {
    this.loginFailuresPerMinute = loginFailuresPerMinute;
  }

  @JsonProperty
  public long getAccountLoginFailureBurst() {
    return accountLoginFailureBurst;
  }

  @JsonProperty
  public void setAccountLoginFailureBurst(long accountLoginFailureBurst) {
    this.accountLoginFailureBurst = accountLoginFailureBurst;
  }

  @JsonProperty
  public long getAccountLoginFailuresPerMinute() {
    return accountLoginFailuresPerMinute;
  }

  @JsonProperty
  public void setAccountLoginFailuresPerMinute(long accountLoginFailuresPerMinute) {
    this.accountLoginFailuresPerMinute = accountLoginFailuresPerMinute;
  }

  @JsonProperty
  public String getRedisUrl() {
    return redisUrl;
  }

  @JsonProperty
  public void setRedisUrl(String redisUrl) {
    this.redisUrl = redisUrl == null ? "" : redisUrl.trim();
  }

  @JsonProperty
  public String getRedisKeyPrefix() {
    return redisKeyPrefix;
  }

  @JsonProperty
  public void setRedisKeyPrefix(String redisKeyPrefix) {
    this.redisKeyPrefix = redisKeyPrefix;
  }

  @JsonProperty
  public Duration getRedisTimeout() {
    return redisTimeout;
  }

  @JsonProperty
  public void setRedisTimeout(Duration redisTimeout) {
    this.redisTimeout = redisTimeout;
  }
}
