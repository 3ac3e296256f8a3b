package dev.conduit.web.ratelimit;

import com.google.common.net.InetAddresses;
import dev.conduit.web.TrustedProxyCustomizer;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * A client's IPv4 address, or its IPv6 /64: one customer holds a whole /64, so per-address buckets
 * would give an attacker 2^64 of them.
 */
public final class ClientKey {
  private ClientKey() {}

  public static String of(String remoteAddress) {
    InetAddress address = TrustedProxyCustomizer.ipLiteral(remoteAddress).orElse(null);
    if (address == null) {
      return remoteAddress == null ? "unknown" : remoteAddress;
    }
    if (!(address instanceof Inet6Address)) {
      return address.getHostAddress();
    }
    byte[] prefix = address.getAddress();
    Arrays.fill(prefix, 8, 16, (byte) 0);
    try {
      return InetAddresses.toAddrString(InetAddress.getByAddress(prefix)) + "/64";
    } catch (UnknownHostException impossible) { // only thrown for a wrong array length
      throw new IllegalStateException(impossible);
    }
  }
}
