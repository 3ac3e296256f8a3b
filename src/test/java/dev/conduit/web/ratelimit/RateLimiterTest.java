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
      assertThat(limiter.mode()).isEqualTo(RateLimiter.Mode.MEMORY);
      for (int i = 0; i < 5; i++) {
        assertThat(limiter.tryConsume(limiter.authRule(), "198.51.100.1").allowed()).isTrue();
      }
      RateLimiter.Decision refused = limiter.tryConsume(limiter.authRule(), "198.51.100.1");
      assertThat(refused.allowed()).isFalse();
      // 10 per minute: the next token comes within 6 seconds.
      assertThat(refused.retryAfterSeconds()).isBetween(1L, 6L);

      // Buckets are per IP and per rule.
      assertThat(limiter.tryConsume(limiter.authRule(), "198.51.100.2").allowed()).isTrue();
      assertThat(limiter.tryConsume(limiter.apiRule(), "198.51.100.1").allowed()).isTrue();
    } finally {
      limiter.stop();
    }
  }
}
