package dev.conduit.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DrainTest {
  private final Drain drain = new Drain();

  private String run(io.dropwizard.servlets.tasks.Task task) throws Exception {
    StringWriter out = new StringWriter();
    task.execute(Map.of(), new PrintWriter(out, true));
    return out.toString().strip();
  }

  @Test
  void drainAndUndrainAreIdempotent() throws Exception {
    var drainTask = drain.tasks().get(0);
    var undrainTask = drain.tasks().get(1);
    assertThat(run(undrainTask)).isEqualTo("was not draining");
    assertThat(drain.isDraining()).isFalse();
    assertThat(run(drainTask)).isEqualTo("draining");
    assertThat(run(drainTask)).isEqualTo("already draining");
    assertThat(drain.isDraining()).isTrue();
    assertThat(drain.execute().isHealthy()).isFalse();
    assertThat(run(undrainTask)).isEqualTo("serving");
    assertThat(run(undrainTask)).isEqualTo("was not draining");
    assertThat(drain.isDraining()).isFalse();
    assertThat(drain.execute().isHealthy()).isTrue();
  }
}
