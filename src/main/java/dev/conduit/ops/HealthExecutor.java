package dev.conduit.ops;

import com.codahale.metrics.health.HealthCheck;
import com.google.common.util.concurrent.ThreadFactoryBuilder;
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

/**
 * Runs health probes with a deadline, so a hung database fails a check fast. The pool is bounded
 * and has no queue: while every thread is stuck on a dead database, further probes are refused at
 * once (reported unhealthy) rather than piling up threads.
 */
public final class HealthExecutor implements Managed {
  /** Why a probe gave no answer; its message is safe to show operators. */
  public static final class ProbeFailed extends Exception {
    ProbeFailed(String message, Throwable cause) {
      super(message, cause);
    }
  }

  private final Duration timeout;
  private final ThreadPoolExecutor executor =
      new ThreadPoolExecutor(
          0,
          8,
          30,
          TimeUnit.SECONDS,
          new SynchronousQueue<>(),
          new ThreadFactoryBuilder().setNameFormat("health-probe-%d").setDaemon(true).build());

  public HealthExecutor(Duration timeout) {
    this.timeout = timeout;
  }

  /** The probe's timeout for a statement: whole seconds, at least one. */
  public int queryTimeoutSeconds() {
    return (int) Math.max(1, Math.ceil(timeout.toMilliseconds() / 1000.0));
  }

  /** {@code check}, reporting unhealthy when it gives no answer within the timeout. */
  public HealthCheck bounded(HealthCheck check) {
    return DatabaseChecks.check(
        () -> {
          try {
            return call(check::execute);
          } catch (ProbeFailed e) {
            return HealthCheck.Result.unhealthy("check " + e.getMessage());
          }
        });
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
