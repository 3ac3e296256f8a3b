package dev.conduit.ops;

import static org.assertj.core.api.Assertions.assertThat;

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
  void answersPassThroughAndFailuresReportUnhealthy() {
    HealthCheck.Result fine = executor.bounded(() -> HealthCheck.Result.healthy("42")).execute();
    assertThat(fine.isHealthy()).isTrue();
    assertThat(fine.getMessage()).isEqualTo("42");
    HealthCheck.Result failed =
        executor
            .bounded(
                () -> {
                  throw new IllegalStateException("boom at db.internal");
                })
            .execute();
    assertThat(failed.isHealthy()).isFalse();
    assertThat(failed.getMessage()).isEqualTo("check failed");
    assertThat(failed.getError()).isNull(); // its text may name hosts: never on /healthcheck
  }

  @Test
  void refusesWhenEveryThreadIsStuck() {
    // Like a socket read on a dead network: ignores the interrupt sent on timeout.
    HealthCheck stuck =
        executor.bounded(
            () -> {
              while (never.getCount() > 0) {
                try {
                  never.await();
                } catch (InterruptedException ignored) {
                  // keep waiting
                }
              }
              return HealthCheck.Result.healthy();
            });
    for (int i = 0; i < 8; i++) {
      assertThat(stuck.execute().getMessage()).startsWith("check no answer within");
    }
    // Refused at once rather than queued behind them: the message is not the timeout's.
    assertThat(executor.bounded(() -> HealthCheck.Result.healthy()).execute().getMessage())
        .isEqualTo("check too many probes still waiting");
  }
}
