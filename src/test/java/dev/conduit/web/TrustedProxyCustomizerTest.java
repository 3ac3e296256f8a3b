package dev.conduit.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrustedProxyCustomizerTest {
  private final TrustedProxyCustomizer customizer =
      new TrustedProxyCustomizer(IpRanges.parse(List.of("127.0.0.1/32", "10.0.0.0/8")));

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
}
