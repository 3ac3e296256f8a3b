package dev.conduit.article;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * The total of the unfiltered article list, reused for a short time instead of counting every
 * article on every page (README "Performance": the count of a busy list page dominated its SQL).
 *
 * <p>Staleness: writes through this instance (create, delete) invalidate it at once, so a client
 * sees its own change. Writes through another instance, or rows removed by a cascade (an account
 * deleted with its articles), show after at most {@link #TTL}. A count taken while a write
 * committed is never kept: each invalidation starts a new generation and a count is stored with the
 * generation it started in.
 */
final class ArticleCount {
  static final Duration TTL = Duration.ofSeconds(5);

  private record Entry(long count, long generation, long expiresAtNanos) {}

  private final AtomicLong generation = new AtomicLong();
  private final long ttlNanos;
  private volatile Entry entry;

  ArticleCount() {
    this(TTL);
  }

  ArticleCount(Duration ttl) {
    this.ttlNanos = ttl.toNanos();
  }

  long get(LongSupplier count) {
    long now = System.nanoTime();
    long gen = generation.get();
    Entry e = entry;
    if (e != null && e.generation() == gen && now - e.expiresAtNanos() < 0) {
      return e.count();
    }
    long fresh = count.getAsLong();
    entry = new Entry(fresh, gen, now + ttlNanos);
    return fresh;
  }

  /** Call after a write that changes the number of articles has committed. */
  void invalidate() {
    generation.incrementAndGet();
  }
}
