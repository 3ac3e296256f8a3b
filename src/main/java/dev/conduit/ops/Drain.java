package dev.conduit.ops;

import com.codahale.metrics.health.HealthCheck;
import com.google.common.util.concurrent.Uninterruptibles;
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
 * Draining: still serving, but readiness says 503 so load balancers take this instance out of
 * rotation. Set by SIGTERM and the idempotent tasks drain and undrain; unhealthy while on.
 */
public final class Drain extends HealthCheck {
  private static final Logger LOG = LoggerFactory.getLogger(Drain.class);

  private final AtomicBoolean draining = new AtomicBoolean();

  public boolean isDraining() {
    return draining.get();
  }

  public List<Task> tasks() {
    return List.of(
        task("drain", true, "draining", "already draining"),
        task("undrain", false, "serving", "was not draining"));
  }

  private Task task(String name, boolean on, String changed, String unchanged) {
    return new Task(name) {
      @Override
      public void execute(Map<String, List<String>> parameters, PrintWriter output) {
        output.println(set(on, "task") ? changed : unchanged);
      }
    };
  }

  private boolean set(boolean on, String why) {
    boolean changed = draining.compareAndSet(!on, on);
    if (changed && on) {
      LOG.info("Draining ({}): readiness now answers 503", why);
    } else if (changed) {
      LOG.info("Drain cancelled ({}): readiness follows the health checks again", why);
    }
    return changed;
  }

  @Override
  protected Result check() {
    boolean on = isDraining();
    var r = Result.builder().withDetail("draining", on);
    return (on ? r.unhealthy().withMessage("draining: readiness answers 503") : r).build();
  }

  /**
   * The JVM's own SIGTERM runs every shutdown hook at once (Jetty closes its port while load
   * balancers still route to it) and exits 143. Instead: drain, keep serving for the drain period,
   * then {@code System.exit(0)} runs the hooks (in-flight requests get the shutdown grace period).
   */
  public void drainOnSigterm(Duration drainPeriod) {
    AtomicBoolean stopping = new AtomicBoolean();
    Signal.handle(
        new Signal("TERM"),
        signal -> {
          // A second SIGTERM changes nothing; SIGKILL remains the hard stop.
          if (stopping.compareAndSet(false, true)) {
            set(true, "SIGTERM");
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
