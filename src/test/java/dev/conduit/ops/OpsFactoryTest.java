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
    assertThat(ops.getAdminPassword()).isEqualTo("hunter2");
    assertThat(ops.getDrainPeriod().toSeconds()).isEqualTo(10);
    String json = mapper.writeValueAsString(ops);
    assertThat(json).contains("\"adminUser\":\"ops\"").doesNotContain("hunter2");
  }

  @Test
  void developmentDefaultsStopAtOnceAndCheckWithinASecond() {
    OpsFactory ops = new OpsFactory();
    assertThat(ops.getDrainPeriod().toMilliseconds()).isZero();
    assertThat(ops.getHealthCheckTimeout().toMilliseconds()).isEqualTo(1_000);
    assertThat(ops.getAdminPassword()).isEmpty();
  }
}
