package dev.conduit.web.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ClientKeyTest {

  @Test
  void ipv6ClientsAreKeyedByTheirSlash64() {
    assertThat(ClientKey.of("2001:db8:1:2:aaaa::1")).isEqualTo("2001:db8:1:2::/64");
    assertThat(ClientKey.of("2001:db8:1:2:bbbb:cccc:dddd:eeee"))
        .isEqualTo(ClientKey.of("[2001:db8:1:2::9]"));
    assertThat(ClientKey.of("2001:db8:1:3::1")).isNotEqualTo(ClientKey.of("2001:db8:1:2::1"));
  }

  @Test
  void ipv4ClientsAreKeyedByAddress() {
    assertThat(ClientKey.of("198.51.100.7")).isEqualTo("198.51.100.7");
    assertThat(ClientKey.of("198.51.100.8")).isNotEqualTo(ClientKey.of("198.51.100.7"));
    assertThat(ClientKey.of("::ffff:198.51.100.7")).isEqualTo("198.51.100.7");
  }

  @Test
  void anythingElseIsItsOwnKey() {
    assertThat(ClientKey.of("not-an-ip")).isEqualTo("not-an-ip");
    assertThat(ClientKey.of(null)).isEqualTo("unknown");
  }
}
