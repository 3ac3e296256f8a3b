package dev.conduit.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ReadCacheTest {
  private final AtomicLong clock = new AtomicLong(1_000);
  private final AtomicLong counted = new AtomicLong();
  private final ReadCache<Long> cache = new ReadCache<>(Duration.ofSeconds(5), clock::get);

  private long count(long value) {
    return cache.get(
        () -> {
          counted.incrementAndGet();
          return value;
        });
  }

  @Test
  void aCountIsReusedUntilItExpires() {
    assertThat(count(7)).isEqualTo(7);
    clock.addAndGet(Duration.ofSeconds(4).toNanos());
    assertThat(count(8)).as("still fresh").isEqualTo(7);
    clock.addAndGet(Duration.ofSeconds(1).toNanos());
    assertThat(count(9)).as("expired").isEqualTo(9);
    assertThat(counted).hasValue(2);
  }

  @Test
  void aWriteInvalidatesAtOnce() {
    count(7);
    cache.invalidate();
    assertThat(count(8)).isEqualTo(8);
    assertThat(count(9)).isEqualTo(8);
  }

  @Test
  void aCountTakenWhileAWriteCommittedIsNotKept() {
    // The count starts, a write commits and invalidates, then the count returns its (old) value.
    assertThat(
            cache.get(
                () -> {
                  cache.invalidate();
                  return 7L;
                }))
        .isEqualTo(7);
    assertThat(count(8)).as("the next page counts again").isEqualTo(8);
  }
}
