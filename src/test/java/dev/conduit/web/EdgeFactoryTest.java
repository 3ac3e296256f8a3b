package dev.conduit.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.conduit.config.Serving;
import io.dropwizard.jersey.validation.Validators;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import jakarta.validation.groups.Default;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EdgeFactoryTest {
  private final Validator validator = Validators.newValidator();

  /** Both groups: what every command checks and what only serving checks (ALLOWED_HOSTS). */
  private Set<String> violations(EdgeFactory edge) {
    return validator.validate(edge, Default.class, Serving.class).stream()
        .map(ConstraintViolation::getMessage)
        .collect(java.util.stream.Collectors.toSet());
  }

  @Test
  void defaultsAreValidAndStrict() {
    EdgeFactory edge = new EdgeFactory();
    assertThat(violations(edge)).isEmpty();
    assertThat(edge.isSecurityHeaders()).isTrue();
    assertThat(edge.isOpenApi()).isFalse();
    assertThat(edge.getRateLimit().isEnabled()).isTrue();
    assertThat(edge.getMaxBodySize().toBytes()).isEqualTo(1024 * 1024);
    assertThat(edge.buildTrustedProxies().isEmpty()).isTrue();
  }

  @Test
  void wildcardOriginWithCredentialsIsInvalid() {
    EdgeFactory edge = new EdgeFactory();
    edge.setCorsOrigins("https://a.example, *");
    edge.setCorsAllowCredentials(true);
    assertThat(violations(edge)).anyMatch(m -> m.contains("cannot be combined"));
    assertThatThrownBy(() -> new CorsFilter(List.of("*"), true, Duration.ofHours(1)))
        .isInstanceOf(IllegalArgumentException.class);

    edge.setCorsAllowCredentials(false);
    assertThat(violations(edge)).isEmpty();
  }

  @Test
  void requiredAllowedHostsMustBeGiven() {
    EdgeFactory edge = new EdgeFactory();
    edge.setRequireAllowedHosts(true);
    assertThat(violations(edge)).anyMatch(m -> m.startsWith("ALLOWED_HOSTS is not set"));
    edge.setAllowedHosts(" , ");
    assertThat(violations(edge)).anyMatch(m -> m.startsWith("ALLOWED_HOSTS is not set"));
    edge.setAllowedHosts("api.example.org, Example.ORG");
    assertThat(violations(edge)).isEmpty();
    assertThat(edge.allowedHostList()).containsExactly("api.example.org", "example.org");
  }

  @Test
  void badTrustedProxiesAreInvalid() {
    EdgeFactory edge = new EdgeFactory();
    edge.setTrustedProxies("10.0.0.0/8, not-an-ip");
    assertThat(violations(edge)).anyMatch(m -> m.contains("trustedProxies"));
    edge.setTrustedProxies(EdgeFactory.PRIVATE_RANGES);
    assertThat(violations(edge)).isEmpty();
  }
}
