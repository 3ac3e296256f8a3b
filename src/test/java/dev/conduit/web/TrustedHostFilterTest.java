package dev.conduit.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TrustedHostFilterTest {
  private final TrustedHostFilter filter =
      new TrustedHostFilter(List.of("api.example.org", "*.conduit.dev", "[::1]"));

  @Test
  void listedHostsMatchIgnoringPortCaseAndTrailingDot() {
    assertThat(filter.isAllowed("api.example.org")).isTrue();
    assertThat(filter.isAllowed("API.example.ORG:8443")).isTrue();
    assertThat(filter.isAllowed("api.example.org.")).isTrue();
    assertThat(filter.isAllowed("[::1]:8080")).isTrue();
  }

  @Test
  void wildcardsMatchSubdomainsOnly() {
    assertThat(filter.isAllowed("eu.conduit.dev")).isTrue();
    assertThat(filter.isAllowed("a.b.conduit.dev")).isTrue();
    assertThat(filter.isAllowed("conduit.dev")).isFalse();
    assertThat(filter.isAllowed("evilconduit.dev")).isFalse();
  }

  @Test
  void everythingElseIsRefused() {
    assertThat(filter.isAllowed(null)).isFalse();
    assertThat(filter.isAllowed("")).isFalse();
    assertThat(filter.isAllowed("api.example.org.evil.test")).isFalse();
    assertThat(filter.isAllowed("127.0.0.1")).isFalse();
    assertThat(filter.isAllowed("example.org")).isFalse();
  }
}
