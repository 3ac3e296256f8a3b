package dev.conduit.ops;

import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether this instance is draining: it still serves, but readiness says 503 so that load balancers
 * take it out of rotation. Set by SIGTERM and by the drain/undrain tasks.
 */
public final class Drain {
  private static final Logger LOG = LoggerFactory.getLogger(Drain.class);

  private final AtomicBoolean draining = new AtomicBoolean();

  public boolean isDraining() {
    return draining.get();
  }

  /** Starts draining; returns false (and changes nothing) when already draining. */
  public boolean start(String why) {
    boolean changed = draining.compareAndSet(false, true);
    if (changed) {
      LOG.info("Draining ({}): readiness now answers 503", why);
    }
    return changed;
  }

  /** Stops draining; returns false when it was not draining. */
  public boolean stop(String why) {
    boolean changed = draining.compareAndSet(true, false);
    if (changed) {
      LOG.info("Drain cancelled ({}): readiness follows the health checks again", why);
    }
    return changed;
  }
}
