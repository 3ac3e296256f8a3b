package dev.conduit.ops;

import com.codahale.metrics.health.HealthCheck;
import io.dropwizard.servlets.tasks.Task;
import io.dropwizard.util.Duration;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * Whether this instance is draining: it still serves, but readiness says 503 so that load balancers
 * take it out of rotation. Set by SIGTERM and by {@code POST /tasks/drain} and {@code
 * /tasks/undrain} (both safe to run twice); shown as the {@code drain} health check.
 */
public final class Drain {
  private static final Logger LOG = LoggerFactory.getLogger(Drain.class);
  private static final AtomicBoolean SIGTERM_HANDLED = new AtomicBoolean();

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

  public Task drainTask() {
    return task("drain", () -> start("task") ? "draining" : "already draining");
  }

  public Task undrainTask() {
    return task("undrain", () -> stop("task") ? "serving" : "was not draining");
  }

  private static Task task(String name, java.util.function.Supplier<String> action) {
    return new Task(name) {
      @Override
      public void execute(Map<String, List<String>> parameters, PrintWriter output) {
        output.println(action.get());
      }
    };
  }

  /** Unhealthy while draining (out of rotation). */
  public HealthCheck healthCheck() {
    return new HealthCheck() {
      @Override
      protected Result check() {
        ResultBuilder r = Result.builder().withDetail("draining", isDraining());
        return isDraining()
            ? r.unhealthy().withMessage("draining: readiness answers 503").build()
            : r.healthy().build();
      }
    };
  }

  /**
   * Turns SIGTERM into a graceful stop that exits 0. The JVM's own SIGTERM handling runs all
   * shutdown hooks at once and exits 143, and Jetty's hook stops accepting immediately, so a load
   * balancer would still be routing to a closed port. Instead: readiness flips to 503 at once, the
   * service keeps serving for the drain period, then {@code System.exit(0)} runs the normal
   * shutdown hooks: Jetty stops accepting, in-flight requests get {@code
   * server.shutdownGracePeriod}, managed objects (the pool) close, and the exit code is 0. Only for
   * a process that is ours ({@code main}); an in-process test keeps the JVM's default handling.
   */
  public void drainOnSigterm(Duration drainPeriod) {
    if (!SIGTERM_HANDLED.compareAndSet(false, true)) {
      return;
    }
    AtomicBoolean stopping = new AtomicBoolean();
    Signal.handle(
        new Signal("TERM"),
        signal -> {
          // A second SIGTERM while draining changes nothing; SIGKILL remains the hard stop.
          if (stopping.compareAndSet(false, true)) {
            start("SIGTERM");
            Thread stopper = new Thread(() -> exitAfter(drainPeriod), "sigterm-drain");
            stopper.setDaemon(false);
            stopper.start();
          }
        });
  }

  private static void exitAfter(Duration drainPeriod) {
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
