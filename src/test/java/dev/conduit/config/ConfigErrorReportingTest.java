package dev.conduit.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.configuration.UndefinedEnvironmentVariableException;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConfigErrorReportingTest {
  @Test
  void anUnsetVariableIsOneLineNamingIt() {
    var e =
        new UndefinedEnvironmentVariableException(
            "Cannot resolve variable 'REDIS_URL' (enableSubstitutionInVariables=true).");
    assertThat(ConfigErrorReporting.problems(e))
        .contains(List.of("environment variable REDIS_URL is not set"));
  }

  @Test
  void otherFailuresAreLeftToTheCommand() {
    assertThat(ConfigErrorReporting.problems(new IllegalStateException("boom"))).isEmpty();
  }
}
