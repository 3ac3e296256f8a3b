package dev.conduit.ops;

import com.codahale.metrics.health.HealthCheck;
import com.google.common.util.concurrent.Uninterruptibles;
import io.dropwizard.servlets.tasks.Task;
import io.dropwizard.util.Duration;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * Draining: the instance still serves, but readiness says 503 so load balancers take it out of
 * rotation. Set by SIGTERM and the idempotent tasks {@code drain} and {@code undrain}; as a health
 * check, unhealthy while draining.
 */
public final class Drain extends HealthCheck {
  private static final Logger LOG = LoggerFactory.getLogger(Drain.class);
  private static final AtomicBoolean SIGTERM_HANDLED = new AtomicBoolean();

  private final AtomicBoolean draining = new AtomicBoolean();

  public boolean isDraining() {
    return draining.get();
  }

  /** Starts draining; false (and nothing changes) when already draining. */
  public boolean start(String why) {
    boolean changed = draining.compareAndSet(false, true);
    if (changed) {
      LOG.info("Draining ({}): readiness now answers 503", why);
    }
    return changed;
  }

  /** Stops draining; false when it was not draining. */
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

  private static Task task(String name, Supplier<String> action) {
    return new Task(name) {
      @Override
      public void execute(Map<String, List<String>> parameters, PrintWriter output) {
        output.println(action.get());
      }
    };
  }

  @Override
  protected Result check() {
    boolean on = isDraining();
    var result = Result.builder().withDetail("draining", on);
    return on
        ? result.unhealthy().withMessage("draining: readiness answers 503").build()
        : result.healthy().build();
  }

  /**
   * SIGTERM: readiness flips to 503 at once, the service keeps serving for the drain period, then
   * {@code System.exit(0)} runs the shutdown hooks (Jetty stops accepting, in-flight requests get
   * {@code server.shutdownGracePeriod}, the pool closes) and the exit code is 0. The JVM's default
   * runs every hook at once (Jetty closes its port while load balancers still route to it) and
   * exits 143. Only for a process that is ours ({@code main}), not an in-process test.
   */
  public void drainOnSigterm(Duration drainPeriod) {
    if (!SIGTERM_HANDLED.compareAndSet(false, true)) {
      return;
    }
    AtomicBoolean stopping = new AtomicBoolean();
    Signal.handle(
        new Signal("TERM"),
        signal -> {
          // A second SIGTERM changes nothing; SIGKILL remains the hard stop.
          if (stopping.compareAndSet(false, true)) {
            start("SIGTERM");
            Thread stopper = new Thread(() -> exitAfter(drainPeriod), "sigterm-drain");
            stopper.setDaemon(false); // the signal thread is a daemon; this one must keep the JVM
            stopper.start();
          }
        });
  }

  private static void exitAfter(Duration drainPeriod) {
    LOG.info("SIGTERM: serving for {} more, then stopping", drainPeriod);
    Uninterruptibles.sleepUninterruptibly(drainPeriod.toJavaDuration());
    LOG.info("Drain period over: stopping (in-flight requests get the shutdown grace period)");
    System.exit(0);
  }
}
