package dev.conduit.ops;

import io.dropwizard.util.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * Turns SIGTERM into a graceful stop that exits 0.
 *
 * <p>The JVM's own SIGTERM handling runs all shutdown hooks at once and exits 143, and Jetty's hook
 * stops accepting immediately, so a load balancer would still be routing to a closed port. Instead:
 * readiness flips to 503 at once, the service keeps serving for the drain period, then {@code
 * System.exit(0)} runs the normal shutdown hooks: Jetty stops accepting, in-flight requests get
 * {@code server.shutdownGracePeriod}, managed objects (the pool) close, and the exit code is 0.
 *
 * <p>Only installed when the process is ours ({@code main}); an in-process test keeps the JVM's
 * default handling.
 */
public final class SigtermDrain {
  private static final Logger LOG = LoggerFactory.getLogger(SigtermDrain.class);
  private static final AtomicBoolean INSTALLED = new AtomicBoolean();

  private SigtermDrain() {}

  public static void install(Drain drain, Duration drainPeriod) {
    if (!INSTALLED.compareAndSet(false, true)) {
      return;
    }
    AtomicBoolean stopping = new AtomicBoolean();
    Signal.handle(
        new Signal("TERM"),
        signal -> {
          // A second SIGTERM while draining changes nothing; SIGKILL remains the hard stop.
          if (!stopping.compareAndSet(false, true)) {
            return;
          }
          drain.start("SIGTERM");
          Thread stopper = new Thread(() -> drainThenExit(drainPeriod), "sigterm-drain");
          stopper.setDaemon(false);
          stopper.start();
        });
  }

  private static void drainThenExit(Duration drainPeriod) {
    LOG.info("SIGTERM: serving for {} more, then stopping", drainPeriod);
    try {
      Thread.sleep(drainPeriod.toMilliseconds());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    LOG.info("Drain period over: stopping (in-flight requests get the shutdown grace period)");
    System.exit(0);
  }
}
