package dev.conduit.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.codahale.metrics.health.HealthCheck;
import io.dropwizard.util.Duration;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HealthExecutorTest {
  private final HealthExecutor executor = new HealthExecutor(Duration.milliseconds(200));
  private final CountDownLatch never = new CountDownLatch(1);

  @AfterEach
  void stop() {
    never.countDown();
    executor.stop();
  }

  @Test
  void aHungCheckReportsUnhealthyAfterTheTimeout() {
    HealthCheck hung =
        new HealthCheck() {
          @Override
          protected Result check() throws Exception {
            never.await();
            return Result.healthy();
          }
        };
    long start = System.nanoTime();
    HealthCheck.Result result = executor.bounded(hung::execute).execute();
    long ms = (System.nanoTime() - start) / 1_000_000;
    // The message says the timeout answered (the check itself never returns); no upper bound on
    // the clock, which a busy machine stretches.
    assertThat(result.isHealthy()).isFalse();
    assertThat(result.getMessage()).isEqualTo("check no answer within 200 milliseconds");
    assertThat(ms).as("waited for the timeout").isGreaterThanOrEqualTo(150L);
  }

  @Test
  void answersAndFailuresPassThrough() throws Exception {
    assertThat(executor.call(() -> 42)).isEqualTo(42);
    assertThatThrownBy(
            () ->
                executor.call(
                    () -> {
                      throw new IllegalStateException("boom");
                    }))
        .isInstanceOf(HealthExecutor.ProbeFailed.class)
        .hasMessage("failed")
        .hasCauseInstanceOf(IllegalStateException.class);
  }

  @Test
  void refusesWhenEveryThreadIsStuck() throws Exception {
    // Like a socket read on a dead network: ignores the interrupt sent on timeout.
    java.util.concurrent.Callable<Object> stuck =
        () -> {
          while (never.getCount() > 0) {
            try {
              never.await();
            } catch (InterruptedException ignored) {
              // keep waiting
            }
          }
          return null;
        };
    for (int i = 0; i < 8; i++) {
      assertThatThrownBy(() -> executor.call(stuck))
          .isInstanceOf(HealthExecutor.ProbeFailed.class)
          .hasMessageStartingWith("no answer within");
    }
    // Refused at once rather than queued behind them: the message is not the timeout's.
    assertThatThrownBy(() -> executor.call(() -> 1))
        .isInstanceOf(HealthExecutor.ProbeFailed.class)
        .hasMessage("too many probes still waiting");
  }
}
