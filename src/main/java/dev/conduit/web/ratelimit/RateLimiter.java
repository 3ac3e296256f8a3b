package dev.conduit.web.ratelimit;

import com.codahale.metrics.health.HealthCheck;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.dropwizard.lifecycle.Managed;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.codec.ByteArrayCodec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * bucket4j token buckets per rule and key, in memory or, with a Redis URL, in Redis so that every
 * instance draws from the same bucket. Redis is a dependency we can live without: while it does not
 * answer, requests count in local buckets (warned once per outage, shown by {@link #buckets()}),
 * and it is retried at most every two seconds, so a black-holed Redis costs one timeout per
 * interval.
 */
public final class RateLimiter extends HealthCheck implements Managed {
  private static final Logger LOG = LoggerFactory.getLogger(RateLimiter.class);
  private static final long RETRY_NANOS = TimeUnit.SECONDS.toNanos(2);

  private static final String FALLBACK = "memory (Redis unreachable)";

  /** A named limit: bucket size and refill per minute. */
  public record Rule(String name, long burst, long perMinute) {
    private Bandwidth bandwidth() {
      return Bandwidth.builder()
          .capacity(burst)
          .refillGreedy(perMinute, Duration.ofMinutes(1))
          .build();
    }
  }

  /** Whole seconds until the bucket of a refused probe has a token again (Retry-After). */
  public static long retryAfterSeconds(ConsumptionProbe probe) {
    return Math.max(
        1, TimeUnit.NANOSECONDS.toSeconds(probe.getNanosToWaitForRefill() + 999_999_999L));
  }

  /** Per client network: the credential routes, and every API route. */
  public final Rule auth;

  public final Rule api;

  /** Failed logins per account and client network, and per account from every network. */
  public final Rule login;

  public final Rule account;

  private final RateLimitFactory config;
  private final Cache<String, Bucket> local =
      Caffeine.newBuilder().maximumSize(100_000).expireAfterAccess(Duration.ofMinutes(10)).build();

  private volatile RedisClient client;
  private volatile ProxyManager<byte[]> redis;
  private volatile boolean redisFailing;
  private volatile long retryAtNanos;

  RateLimiter(RateLimitFactory config) {
    this.config = config;
    this.auth = new Rule("auth", config.authBurst, config.authPerMinute);
    this.api = new Rule("api", config.apiBurst, config.apiPerMinute);
    this.login = new Rule("login", config.loginFailureBurst, config.loginFailuresPerMinute);
    this.account =
        new Rule("account", config.accountLoginFailureBurst, config.accountLoginFailuresPerMinute);
  }

  /** Where the buckets are right now: "memory", "redis", or {@value #FALLBACK}. */
  public String buckets() {
    return config.redisUrl.isBlank() ? "memory" : redisFailing ? FALLBACK : "redis";
  }

  /** Healthy even without Redis (limits then hold per instance): "degraded" says so. */
  @Override
  protected Result check() {
    String buckets = buckets();
    boolean degraded = buckets.equals(FALLBACK);
    return Result.builder()
        .healthy()
        .withDetail("buckets", buckets)
        .withDetail("degraded", degraded)
        .withMessage(
            degraded
                ? "degraded: Redis unreachable, limits are per instance until it answers"
                : "buckets in " + buckets)
        .build();
  }

  /** Takes one token from the bucket of {@code rule} and {@code key}, if there is one. */
  public ConsumptionProbe consume(Rule rule, String key) {
    return withBucket(rule, key, b -> b.tryConsumeAndReturnRemaining(1));
  }

  /** Gives back a token taken by {@link #consume} (the attempt turned out not to count). */
  public void refund(Rule rule, String key) {
    withBucket(rule, key, b -> b.asVerbose().addTokens(1));
  }

  /** Fills the bucket of {@code rule} and {@code key} again (e.g. after a successful login). */
  public void reset(Rule rule, String key) {
    withBucket(rule, key, b -> b.asVerbose().reset());
  }

  private <T> T withBucket(Rule rule, String key, Function<Bucket, T> action) {
    String name = rule.name() + ":" + key;
    if (client != null && (!redisFailing || System.nanoTime() - retryAtNanos >= 0)) {
      try {
        byte[] redisKey = (config.redisKeyPrefix + name).getBytes(StandardCharsets.UTF_8);
        ProxyManager<byte[]> proxies = redis != null ? redis : connect();
        T result =
            action.apply(
                proxies
                    .builder()
                    .build(
                        redisKey,
                        () -> BucketConfiguration.builder().addLimit(rule.bandwidth()).build()));
        if (redisFailing) {
          redisFailing = false;
          LOG.info("Rate limiting: Redis answers again; buckets are shared again");
        }
        return result;
      } catch (RuntimeException e) {
        retryAtNanos = System.nanoTime() + RETRY_NANOS;
        if (!redisFailing) {
          redisFailing = true;
          LOG.warn(
              "Rate limiting: Redis did not answer ({}); counting in local buckets until it does",
              e.getClass().getSimpleName());
        }
      }
    }
    return action.apply(local.get(name, k -> Bucket.builder().addLimit(rule.bandwidth()).build()));
  }

  /** Connects if start-up could not (retried by requests); once connected, Lettuce reconnects. */
  private synchronized ProxyManager<byte[]> connect() {
    if (redis == null) {
      redis =
          Bucket4jLettuce.casBasedBuilder(client.connect(ByteArrayCodec.INSTANCE))
              .expirationAfterWrite(
                  ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(
                      Duration.ofSeconds(10)))
              .build();
    }
    return redis;
  }

  @Override
  public void start() {
    if (config.redisUrl.isBlank()) {
      LOG.info("Rate limiting: buckets in memory (set REDIS_URL to share them across instances)");
      return;
    }
    Duration timeout = config.redisTimeout.toJavaDuration();
    RedisURI uri = RedisURI.create(config.redisUrl.trim());
    uri.setTimeout(timeout);
    client = RedisClient.create(uri);
    client.setOptions(
        ClientOptions.builder()
            // Fail fast while disconnected instead of queueing behind a dead server.
            .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
            .timeoutOptions(TimeoutOptions.enabled(timeout))
            .socketOptions(SocketOptions.builder().connectTimeout(timeout).build())
            .build());
    String where = uri.getHost() + ":" + uri.getPort();
    try {
      connect();
      LOG.info("Rate limiting: buckets in Redis at {}", where);
    } catch (RuntimeException e) {
      redisFailing = true;
      retryAtNanos = System.nanoTime() + RETRY_NANOS;
      LOG.warn("Rate limiting: Redis at {} is unreachable; counting locally and retrying", where);
    }
  }

  @Override
  public synchronized void stop() { // closes the connection too
    if (client != null) {
      client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }
  }
}
