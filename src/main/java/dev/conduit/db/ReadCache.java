package dev.conduit.db;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * One read result reused for a short time, for reads that every page repeats and writes rarely
 * change: the total of the unfiltered article list (counting every article on every page dominated
 * that page's SQL) and the tags in use. README "Performance" states the staleness.
 *
 * <p>Writes through this instance call {@link #invalidate()} after they commit, so a client sees
 * its own change at once. Writes through another instance, or rows removed by a cascade (an account
 * deleted with its articles), show after at most the time to live. A value read while a write
 * committed is never kept: each invalidation starts a new generation and a value is stored with the
 * generation its read started in.
 */
public final class ReadCache<T> {
  /** How stale a cached read may be when another instance (or a cascade) changed the data. */
  public static final Duration TTL = Duration.ofSeconds(5);

  private record Entry<T>(T value, long generation, long expiresAtNanos) {}

  private final AtomicLong generation = new AtomicLong();
  private final long ttlNanos;
  private final LongSupplier nanoClock;
  private volatile Entry<T> entry;

  public ReadCache() {
    this(TTL, System::nanoTime);
  }

  ReadCache(Duration ttl, LongSupplier nanoClock) {
    this.ttlNanos = ttl.toNanos();
    this.nanoClock = nanoClock;
  }

  public T get(Supplier<T> read) {
    long now = nanoClock.getAsLong();
    long gen = generation.get();
    Entry<T> e = entry;
    if (e != null && e.generation() == gen && now - e.expiresAtNanos() < 0) {
      return e.value();
    }
    T fresh = read.get();
    entry = new Entry<>(fresh, gen, now + ttlNanos);
    return fresh;
  }

  /** Call after a write that changes what the read returns has committed. */
  public void invalidate() {
    generation.incrementAndGet();
  }
}
