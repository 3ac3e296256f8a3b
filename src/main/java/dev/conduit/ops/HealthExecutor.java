package dev.conduit.ops;

import com.codahale.metrics.health.HealthCheck;
import io.dropwizard.lifecycle.Managed;
import io.dropwizard.util.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs health probes with a deadline, so a hung database makes a check fail fast instead of hanging
 * the probe. The pool is small and bounded: when every thread is still stuck on a dead database,
 * further probes are refused at once (and reported unhealthy) rather than piling up threads.
 */
public final class HealthExecutor implements Managed {
  /** Why a probe gave no answer in time; its message is safe to show operators. */
  public static final class ProbeFailed extends Exception {
    private static final long serialVersionUID = 1L;

    ProbeFailed(String message, Throwable cause) {
      super(message, cause);
    }
  }

  private final Duration timeout;
  private final ThreadPoolExecutor executor;

  public HealthExecutor(Duration timeout) {
    this.timeout = timeout;
    AtomicInteger n = new AtomicInteger();
    this.executor =
        new ThreadPoolExecutor(
            0,
            8,
            30,
            TimeUnit.SECONDS,
            new SynchronousQueue<>(),
            r -> {
              Thread t = new Thread(r, "health-probe-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
  }

  /** The probe's timeout for a statement: whole seconds, at least one. */
  public int queryTimeoutSeconds() {
    return (int) Math.max(1, Math.ceil(timeout.toMilliseconds() / 1000.0));
  }

  /** {@code check}, reporting unhealthy when it gives no answer within the timeout. */
  public HealthCheck bounded(HealthCheck check) {
    return new HealthCheck() {
      @Override
      protected Result check() {
        try {
          return call(check::execute);
        } catch (ProbeFailed e) {
          return Result.builder().unhealthy().withMessage("check " + e.getMessage()).build();
        }
      }
    };
  }

  /** Runs the probe; throws {@link ProbeFailed} on timeout, refusal or any failure inside. */
  public <T> T call(Callable<T> probe) throws ProbeFailed {
    Future<T> future;
    try {
      future = executor.submit(probe);
    } catch (RejectedExecutionException e) {
      throw new ProbeFailed("too many probes still waiting", e);
    }
    try {
      return future.get(timeout.toMilliseconds(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      future.cancel(true);
      throw new ProbeFailed("no answer within " + timeout, e);
    } catch (ExecutionException e) {
      throw new ProbeFailed("failed", e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ProbeFailed("interrupted", e);
    }
  }

  @Override
  public void stop() {
    executor.shutdownNow();
  }
}
