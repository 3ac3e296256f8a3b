package dev.conduit.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IpRangesTest {
  private final IpRanges privateRanges =
      IpRanges.parse(EdgeFactory.split(EdgeFactory.PRIVATE_RANGES));

  @Test
  void matchesAddressesInsideTheBlocks() {
    assertThat(privateRanges.contains("127.0.0.1")).isTrue();
    assertThat(privateRanges.contains("10.255.1.2")).isTrue();
    assertThat(privateRanges.contains("172.16.0.1")).isTrue();
    assertThat(privateRanges.contains("172.31.255.255")).isTrue();
    assertThat(privateRanges.contains("192.168.10.1")).isTrue();
    assertThat(privateRanges.contains("::1")).isTrue();
    assertThat(privateRanges.contains("fd00::7")).isTrue();
    // IPv4-mapped IPv6 is the IPv4 address.
    assertThat(privateRanges.contains("::ffff:10.0.0.1")).isTrue();
  }

  @Test
  void doesNotMatchAddressesOutside() {
    assertThat(privateRanges.contains("172.32.0.1")).isFalse();
    assertThat(privateRanges.contains("11.0.0.1")).isFalse();
    assertThat(privateRanges.contains("8.8.8.8")).isFalse();
    assertThat(privateRanges.contains("2001:db8::1")).isFalse();
    assertThat(IpRanges.none().contains("127.0.0.1")).isFalse();
  }

  @Test
  void oddPrefixLengthsMaskPartialBytes() {
    IpRanges r = IpRanges.parse(List.of("192.0.2.128/25"));
    assertThat(r.contains("192.0.2.200")).isTrue();
    assertThat(r.contains("192.0.2.127")).isFalse();
    assertThat(IpRanges.parse(List.of("0.0.0.0/0")).contains("203.0.113.9")).isTrue();
    assertThat(IpRanges.parse(List.of("203.0.113.9")).contains("203.0.113.9")).isTrue();
    assertThat(IpRanges.parse(List.of("203.0.113.9")).contains("203.0.113.8")).isFalse();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "localhost",
        "example.org",
        "1.2.3",
        "256.1.1.1",
        "1.2.3.4.5",
        "",
        " ",
        "1.2.3.4/33",
        "::1/129",
        "10.0.0.0/x",
        "javascript:alert(1)"
      })
  void rejectsWhatIsNotAnAddressOrBlock(String entry) {
    assertThatThrownBy(() -> IpRanges.parse(List.of(entry)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"evil.example", "unknown", "_hidden", "1.2.3.4:80", "[::1]:80", ""})
  void literalParsingNeverResolvesNames(String value) {
    assertThat(IpRanges.parseLiteral(value)).isEmpty();
  }

  @Test
  void literalsParse() throws Exception {
    assertThat(IpRanges.parseLiteral(" 203.0.113.7 "))
        .contains(InetAddress.getByName("203.0.113.7"));
    assertThat(IpRanges.parseLiteral("[2001:db8::1]"))
        .contains(InetAddress.getByName("2001:db8::1"));
  }
}
