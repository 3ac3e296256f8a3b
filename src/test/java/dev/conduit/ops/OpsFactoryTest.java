package dev.conduit.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.jackson.Jackson;
import org.junit.jupiter.api.Test;

class OpsFactoryTest {
  private final ObjectMapper mapper = Jackson.newObjectMapper();

  @Test
  void readsTheAdminPasswordButNeverWritesItBackOut() throws Exception {
    OpsFactory ops =
        mapper.readValue(
            "{\"drainPeriod\":\"10s\",\"adminUser\":\"ops\",\"adminPassword\":\"hunter2\"}",
            OpsFactory.class);
    assertThat(ops.adminPassword).isEqualTo("hunter2");
    assertThat(ops.drainPeriod.toSeconds()).isEqualTo(10);
    String json = mapper.writeValueAsString(ops);
    assertThat(json).contains("\"adminUser\":\"ops\"").doesNotContain("hunter2");
  }

  @Test
  void developmentDefaultsStopAtOnceAndCheckWithinASecond() {
    OpsFactory ops = new OpsFactory();
    assertThat(ops.drainPeriod.toMilliseconds()).isZero();
    assertThat(ops.healthCheckTimeout.toMilliseconds()).isEqualTo(1_000);
    assertThat(ops.adminPassword).isEmpty();
  }
}
