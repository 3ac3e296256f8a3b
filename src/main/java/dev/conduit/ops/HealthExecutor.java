package dev.conduit.ops;

import com.codahale.metrics.health.HealthCheck;
import com.google.common.util.concurrent.ExecutionError;
import com.google.common.util.concurrent.SimpleTimeLimiter;
import com.google.common.util.concurrent.ThreadFactoryBuilder;
import com.google.common.util.concurrent.TimeLimiter;
import com.google.common.util.concurrent.UncheckedExecutionException;
import io.dropwizard.lifecycle.Managed;
import io.dropwizard.util.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs health probes with a deadline (interrupting a late one), so a hung database fails a check
 * fast. Bounded, no queue: while every thread is stuck on a dead database, probes are refused.
 */
public final class HealthExecutor implements Managed {
  /** Why a probe gave no answer; its message is safe to show operators. */
  public static final class ProbeFailed extends Exception {
    ProbeFailed(String message, Throwable cause) {
      super(message, cause);
    }
  }

  private final Duration timeout;
  private final ExecutorService executor;
  private final TimeLimiter limiter;

  public HealthExecutor(Duration timeout) {
    this.timeout = timeout;
    var threads = new ThreadFactoryBuilder().setNameFormat("health-probe-%d").setDaemon(true);
    this.executor =
        new ThreadPoolExecutor(
            0, 8, 30, TimeUnit.SECONDS, new SynchronousQueue<>(), threads.build());
    this.limiter = SimpleTimeLimiter.create(executor);
  }

  /** {@code check}, reporting unhealthy when it gives no answer within the timeout. */
  public HealthCheck bounded(Callable<HealthCheck.Result> check) {
    return new HealthCheck() {
      @Override
      protected Result check() {
        try {
          return call(check);
        } catch (ProbeFailed e) {
          return Result.unhealthy("check " + e.getMessage());
        }
      }
    };
  }

  public <T> T call(Callable<T> probe) throws ProbeFailed {
    try {
      return limiter.callWithTimeout(probe, timeout.toMilliseconds(), TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      throw new ProbeFailed("too many probes still waiting", e);
    } catch (TimeoutException e) {
      throw new ProbeFailed("no answer within " + timeout, e);
    } catch (ExecutionException | UncheckedExecutionException | ExecutionError e) {
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
