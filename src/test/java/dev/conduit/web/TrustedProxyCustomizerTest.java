package dev.conduit.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.List;
import org.eclipse.jetty.util.InetAddressSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TrustedProxyCustomizerTest {
  private final TrustedProxyCustomizer customizer = new TrustedProxyCustomizer(trusted());

  private static InetAddressSet trusted() {
    InetAddressSet set = new InetAddressSet();
    set.add("127.0.0.1/32");
    set.add("10.0.0.0/8");
    return set;
  }

  private String client(String peer, String... hops) throws Exception {
    return customizer.resolveClient(InetAddress.getByName(peer), List.of(hops)).getHostAddress();
  }

  @Test
  void theClientIsTheFirstUntrustedHopFromTheRight() throws Exception {
    assertThat(client("127.0.0.1", "198.51.100.7")).isEqualTo("198.51.100.7");
    assertThat(client("127.0.0.1", "198.51.100.7", "10.0.0.5")).isEqualTo("198.51.100.7");
    // A spoofed left-most entry is ignored: the untrusted hop nearest to us wins.
    assertThat(client("127.0.0.1", "1.1.1.1", "198.51.100.7", "10.0.0.5"))
        .isEqualTo("198.51.100.7");
  }

  @Test
  void anUntrustedPeerIsTheClientWhateverItClaims() throws Exception {
    assertThat(client("198.51.100.9", "1.1.1.1")).isEqualTo("198.51.100.9");
  }

  @Test
  void malformedHopsStopTheWalk() throws Exception {
    assertThat(client("127.0.0.1", "evil.example")).isEqualTo("127.0.0.1");
    assertThat(client("127.0.0.1", "198.51.100.7", "garbage", "10.0.0.5")).isEqualTo("10.0.0.5");
  }

  @Test
  void onlyTrustedHopsMeansTheLeftMostOne() throws Exception {
    assertThat(client("127.0.0.1", "10.0.0.1", "10.0.0.2")).isEqualTo("10.0.0.1");
    assertThat(client("127.0.0.1")).isEqualTo("127.0.0.1");
  }

  @ParameterizedTest
  @ValueSource(strings = {"evil.example", "unknown", "_hidden", "1.2.3.4:80", "[::1]:80", ""})
  void literalParsingNeverResolvesNames(String value) {
    assertThat(TrustedProxyCustomizer.ipLiteral(value)).isEmpty();
    assertThat(TrustedProxyCustomizer.ipLiteral(null)).isEmpty();
  }

  @Test
  void literalsParse() throws Exception {
    assertThat(TrustedProxyCustomizer.ipLiteral(" 203.0.113.7 "))
        .contains(InetAddress.getByName("203.0.113.7"));
    assertThat(TrustedProxyCustomizer.ipLiteral("[2001:db8::1]"))
        .contains(InetAddress.getByName("2001:db8::1"));
  }
}
