package dev.conduit.web.ratelimit;

import dev.conduit.web.IpRanges;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Optional;

/**
 * The key a client is counted under: its IPv4 address, or the /64 prefix of its IPv6 address. One
 * IPv6 customer usually holds a whole /64 (often far more), so per-address buckets would give an
 * attacker 2^64 of them.
 */
public final class ClientKey {
  private ClientKey() {}

  public static String of(String remoteAddress) {
    Optional<InetAddress> parsed = IpRanges.parseLiteral(remoteAddress);
    if (parsed.isEmpty()) {
      return remoteAddress == null ? "unknown" : remoteAddress;
    }
    InetAddress address = parsed.get();
    if (!(address instanceof Inet6Address)) {
      return address.getHostAddress();
    }
    byte[] b = address.getAddress();
    StringBuilder prefix = new StringBuilder();
    for (int i = 0; i < 8; i += 2) {
      prefix.append(Integer.toHexString(((b[i] & 0xff) << 8) | (b[i + 1] & 0xff))).append(':');
    }
    return prefix.append(":/64").toString();
  }
}
