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
 * Runs health checks with a deadline (interrupting a late one), so a hung database fails a check
 * fast. Bounded, no queue: while every thread is stuck on a dead database, checks are refused.
 */
public final class HealthExecutor implements Managed {
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

  /** {@code check}, unhealthy when it gives no answer within the timeout (or throws). */
  public HealthCheck bounded(Callable<HealthCheck.Result> check) {
    return new HealthCheck() {
      @Override
      protected Result check() {
        try {
          return limiter.callWithTimeout(check, timeout.toMilliseconds(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
          return Result.unhealthy("check too many probes still waiting");
        } catch (TimeoutException e) {
          return Result.unhealthy("check no answer within " + timeout);
        } catch (ExecutionException | UncheckedExecutionException | ExecutionError e) {
          return Result.unhealthy("check failed"); // not its message: it may name hosts
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return Result.unhealthy("check interrupted");
        }
      }
    };
  }

  @Override
  public void stop() {
    executor.shutdownNow();
  }
}
