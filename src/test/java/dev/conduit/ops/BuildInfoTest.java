package dev.conduit.ops;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BuildInfoTest {
  @Test
  void theBuildFillsInVersionCommitAndTime() {
    BuildInfo info = BuildInfo.load();
    assertThat(info.version()).isNotBlank().doesNotContain("${");
    assertThat(info.buildTime()).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z");
    assertThat(info.commit()).matches("[0-9a-f]{7,40}|unknown");
  }
}
