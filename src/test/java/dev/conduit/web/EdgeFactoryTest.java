package dev.conduit.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.conduit.config.Serving;
import dev.conduit.deploy.ProdConfig;
import io.dropwizard.jersey.validation.Validators;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import jakarta.validation.groups.Default;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.eclipse.jetty.util.InetAddressSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EdgeFactoryTest {
  /** config-prod.yml's TRUSTED_PROXIES default: loopback and private ranges. */
  private static final String PRIVATE_RANGES =
      ProdConfig.load().tree().at("/edge/trustedProxies").asText();

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
    assertThat(edge.securityHeaders).isTrue();
    assertThat(edge.openApi).isFalse();
    assertThat(edge.rateLimit.enabled).isTrue();
    assertThat(edge.maxBodySize.toBytes()).isEqualTo(1024 * 1024);
    assertThat(edge.trustedProxySet().isEmpty()).isTrue();
  }

  @Test
  void wildcardOriginWithCredentialsIsInvalid() {
    EdgeFactory edge = new EdgeFactory();
    edge.corsOrigins = "https://a.example, *";
    edge.corsAllowCredentials = true;
    assertThat(violations(edge)).anyMatch(m -> m.contains("cannot be combined"));
    assertThatThrownBy(() -> new CorsFilter(List.of("*"), true, Duration.ofHours(1)))
        .isInstanceOf(IllegalArgumentException.class);

    edge.corsAllowCredentials = false;
    assertThat(violations(edge)).isEmpty();
  }

  @Test
  void requiredAllowedHostsMustBeGiven() {
    EdgeFactory edge = new EdgeFactory();
    edge.requireAllowedHosts = true;
    assertThat(violations(edge)).anyMatch(m -> m.startsWith("ALLOWED_HOSTS is not set"));
    edge.allowedHosts = " , ";
    assertThat(violations(edge)).anyMatch(m -> m.startsWith("ALLOWED_HOSTS is not set"));
    edge.allowedHosts = "api.example.org, Example.ORG";
    assertThat(violations(edge)).isEmpty();
    assertThat(edge.allowedHostList()).containsExactly("api.example.org", "example.org");
  }

  @Test
  void badTrustedProxiesAreInvalid() {
    EdgeFactory edge = new EdgeFactory();
    edge.trustedProxies = "10.0.0.0/8, not-an-ip";
    assertThat(violations(edge)).anyMatch(m -> m.contains("trustedProxies"));
    edge.trustedProxies = PRIVATE_RANGES;
    assertThat(violations(edge)).isEmpty();
  }

  /** Jetty's InetAddressSet does the matching; these pin what the private ranges cover. */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "127.0.0.1",
        "10.255.1.2",
        "172.16.0.1",
        "172.31.255.255",
        "192.168.10.1",
        "::1",
        "fd00::7",
        "::ffff:10.0.0.1" // IPv4-mapped IPv6 is the IPv4 address
      })
  void privateRangesCoverLoopbackAndPrivateAddresses(String address) {
    assertThat(proxies(PRIVATE_RANGES).test(literal(address))).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"172.32.0.1", "11.0.0.1", "8.8.8.8", "2001:db8::1"})
  void privateRangesExcludePublicAddresses(String address) {
    assertThat(proxies(PRIVATE_RANGES).test(literal(address))).isFalse();
    assertThat(proxies("").test(literal("127.0.0.1"))).isFalse();
  }

  @Test
  void oddPrefixLengthsMaskPartialBytes() {
    assertThat(proxies("192.0.2.128/25").test(literal("192.0.2.200"))).isTrue();
    assertThat(proxies("192.0.2.128/25").test(literal("192.0.2.127"))).isFalse();
    assertThat(proxies("0.0.0.0/0").test(literal("203.0.113.9"))).isTrue();
    assertThat(proxies("203.0.113.9").test(literal("203.0.113.9"))).isTrue();
    assertThat(proxies("203.0.113.9").test(literal("203.0.113.8"))).isFalse();
  }

  /** Host names are refused, not resolved: "localhost" in a proxy list is a mistake. */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "localhost",
        "example.org",
        "1.2.3",
        "256.1.1.1",
        "1.2.3.4.5",
        "1.2.3.4/33",
        "::1/129",
        "10.0.0.0/x",
        "javascript:alert(1)"
      })
  void entriesThatAreNotAnAddressOrBlockAreInvalid(String entry) {
    EdgeFactory edge = new EdgeFactory();
    edge.trustedProxies = entry;
    assertThat(violations(edge)).anyMatch(m -> m.contains("trustedProxies"));
  }

  private static InetAddressSet proxies(String csv) {
    EdgeFactory edge = new EdgeFactory();
    edge.trustedProxies = csv;
    return edge.trustedProxySet();
  }

  private static InetAddress literal(String address) {
    return TrustedProxyCustomizer.ipLiteral(address).orElseThrow();
  }
}
