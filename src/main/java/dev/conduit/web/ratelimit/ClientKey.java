package dev.conduit.web.ratelimit;

import com.google.common.net.InetAddresses;
import dev.conduit.web.TrustedProxyCustomizer;
import java.net.Inet6Address;
import java.net.InetAddress;

/**
 * A client's IPv4 address, or its IPv6 /64: one customer holds a whole /64, so per-address buckets
 * would give an attacker 2^64 of them.
 */
public final class ClientKey {
  private ClientKey() {}

  public static String of(String remoteAddress) {
    return TrustedProxyCustomizer.ipLiteral(remoteAddress)
        .map(
            address ->
                address instanceof Inet6Address ? slash64(address) : address.getHostAddress())
        .orElse(remoteAddress == null ? "unknown" : remoteAddress);
  }

  private static String slash64(InetAddress address) {
    var prefix = InetAddresses.toBigInteger(address).shiftRight(64).shiftLeft(64);
    return InetAddresses.toAddrString(InetAddresses.fromIPv6BigInteger(prefix)) + "/64";
  }
}
