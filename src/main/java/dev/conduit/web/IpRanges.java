package dev.conduit.web;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A set of CIDR blocks, and a parser for IP literals that never resolves a name: a header value
 * such as {@code X-Forwarded-For: evil.example} must not trigger a DNS lookup.
 */
public final class IpRanges {
  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
  private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F:.]*:[0-9a-fA-F:.]*");

  private record Block(byte[] network, int prefix) {
    boolean contains(byte[] address) {
      if (address.length != network.length) {
        return false;
      }
      int bits = prefix;
      for (int i = 0; i < address.length && bits > 0; i++, bits -= 8) {
        int mask = bits >= 8 ? 0xff : (0xff << (8 - bits)) & 0xff;
        if ((address[i] & mask) != (network[i] & mask)) {
          return false;
        }
      }
      return true;
    }
  }

  private final List<Block> blocks;

  private IpRanges(List<Block> blocks) {
    this.blocks = List.copyOf(blocks);
  }

  public static IpRanges none() {
    return new IpRanges(List.of());
  }

  /** Parses entries such as {@code 10.0.0.0/8}, {@code ::1/128} or a single address. */
  public static IpRanges parse(List<String> cidrs) {
    List<Block> blocks = new ArrayList<>();
    for (String cidr : cidrs) {
      String[] parts = cidr.trim().split("/", 2);
      InetAddress network =
          parseLiteral(parts[0])
              .orElseThrow(() -> new IllegalArgumentException("not an IP address: " + cidr));
      int max = network.getAddress().length * 8;
      int prefix;
      try {
        prefix = parts.length == 2 ? Integer.parseInt(parts[1]) : max;
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("bad prefix length: " + cidr, e);
      }
      if (prefix < 0 || prefix > max) {
        throw new IllegalArgumentException("bad prefix length: " + cidr);
      }
      blocks.add(new Block(network.getAddress(), prefix));
    }
    return new IpRanges(blocks);
  }

  public boolean isEmpty() {
    return blocks.isEmpty();
  }

  public boolean contains(InetAddress address) {
    byte[] bytes = address.getAddress();
    return blocks.stream().anyMatch(b -> b.contains(bytes));
  }

  public boolean contains(String literal) {
    return parseLiteral(literal).map(this::contains).orElse(false);
  }

  /**
   * An IPv4 or IPv6 literal (brackets allowed) as an address; empty for anything else, without a
   * DNS lookup. IPv4-mapped IPv6 addresses come back as IPv4.
   */
  public static java.util.Optional<InetAddress> parseLiteral(String value) {
    if (value == null) {
      return Optional.empty();
    }
    String v = value.trim();
    if (v.startsWith("[") && v.endsWith("]")) {
      v = v.substring(1, v.length() - 1);
    }
    if (v.isEmpty() || v.length() > 45) {
      return Optional.empty();
    }
    if (IPV4.matcher(v).matches()) {
      for (String octet : v.split("\\.")) {
        if (Integer.parseInt(octet) > 255) {
          return Optional.empty();
        }
      }
    } else if (!IPV6.matcher(v).matches()) {
      return Optional.empty();
    }
    try {
      // Only literals reach this point, and for literals getByName does no lookup.
      return Optional.of(InetAddress.getByName(v));
    } catch (UnknownHostException e) {
      return Optional.empty();
    }
  }
}
