package dev.conduit.web.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RateLimiterTest {

  @Test
  void localBucketsAllowTheBurstThenRefuseWithAWait() {
    RateLimitFactory factory = new RateLimitFactory();
    RateLimiter limiter = factory.build();
    limiter.start();
    try {
      assertThat(limiter.buckets()).isEqualTo("memory");
      for (int i = 0; i < 5; i++) {
        assertThat(limiter.consume(limiter.auth, "198.51.100.1").isConsumed()).isTrue();
      }
      var refused = limiter.consume(limiter.auth, "198.51.100.1");
      assertThat(refused.isConsumed()).isFalse();
      // 10 per minute: the next token comes within 6 seconds.
      assertThat(RateLimiter.retryAfterSeconds(refused)).isBetween(1L, 6L);

      // Buckets are per IP and per rule.
      assertThat(limiter.consume(limiter.auth, "198.51.100.2").isConsumed()).isTrue();
      assertThat(limiter.consume(limiter.api, "198.51.100.1").isConsumed()).isTrue();
    } finally {
      limiter.stop();
    }
  }
}
