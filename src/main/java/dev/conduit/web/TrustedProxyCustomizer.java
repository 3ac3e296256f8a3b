package dev.conduit.web;

import com.google.common.net.InetAddresses;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.List;
import java.util.Optional;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.server.ConnectionMetaData;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.InetAddressSet;

/**
 * Believes {@code X-Forwarded-For} and {@code X-Forwarded-Proto} only when the connection comes
 * from a trusted proxy. Jetty's own {@code ForwardedRequestCustomizer} (Dropwizard's {@code
 * useForwardedHeaders}) believes every caller and takes the left-most (client-chosen) hop, which
 * would let anyone pick the IP their rate limit is counted against.
 *
 * <p>It runs at Jetty's level, before any handler, so the servlet API, the access log and the rate
 * limiter all see the same resolved client address and scheme.
 */
public final class TrustedProxyCustomizer implements HttpConfiguration.Customizer {
  private final InetAddressSet trusted;

  public TrustedProxyCustomizer(InetAddressSet trusted) {
    this.trusted = trusted;
  }

  /**
   * An IPv4 or IPv6 literal (brackets allowed) as an address, empty for anything else. Never a DNS
   * lookup, which {@code InetAddress.getByName} would do for a header value such as {@code
   * evil.example}. IPv4-mapped IPv6 addresses come back as IPv4.
   */
  public static Optional<InetAddress> ipLiteral(String value) {
    String v = value == null ? "" : value.trim();
    if (v.startsWith("[") && v.endsWith("]")) {
      v = v.substring(1, v.length() - 1);
    }
    return InetAddresses.isInetAddress(v)
        ? Optional.of(InetAddresses.forString(v))
        : Optional.empty();
  }

  @Override
  public Request customize(Request request, HttpFields.Mutable responseHeaders) {
    SocketAddress peer = request.getConnectionMetaData().getRemoteSocketAddress();
    if (!(peer instanceof InetSocketAddress socket) || !trusted.test(socket.getAddress())) {
      return request;
    }
    HttpFields headers = request.getHeaders();
    InetAddress client =
        resolveClient(socket.getAddress(), headers.getCSV("X-Forwarded-For", false));
    List<String> protos = headers.getCSV("X-Forwarded-Proto", false);
    boolean secure =
        protos.isEmpty()
            ? request.isSecure()
            : "https".equalsIgnoreCase(protos.get(protos.size() - 1));
    if (client.equals(socket.getAddress()) && secure == request.isSecure()) {
      return request;
    }
    return new Forwarded(request, new InetSocketAddress(client, socket.getPort()), secure);
  }

  /**
   * Walks the hops right to left while the current one is a trusted proxy: the first address not
   * ours is the client. A malformed hop stops the walk (the last good address is kept).
   */
  InetAddress resolveClient(InetAddress peer, List<String> hops) {
    InetAddress current = peer;
    for (int i = hops.size() - 1; i >= 0 && trusted.test(current); i--) {
      Optional<InetAddress> hop = ipLiteral(hops.get(i));
      if (hop.isEmpty()) {
        break;
      }
      current = hop.get();
    }
    return current;
  }

  /** The request as the proxy saw it: the client's address and scheme. */
  private static final class Forwarded extends Request.Wrapper {
    private final ConnectionMetaData metaData;
    private final HttpURI uri;

    Forwarded(Request wrapped, InetSocketAddress client, boolean secure) {
      super(wrapped);
      this.metaData =
          new ConnectionMetaData.Wrapper(wrapped.getConnectionMetaData()) {
            @Override
            public SocketAddress getRemoteSocketAddress() {
              return client;
            }

            @Override
            public boolean isSecure() {
              return secure;
            }
          };
      this.uri =
          HttpURI.build(wrapped.getHttpURI()).scheme(secure ? "https" : "http").asImmutable();
    }

    @Override
    public ConnectionMetaData getConnectionMetaData() {
      return metaData;
    }

    @Override
    public HttpURI getHttpURI() {
      return uri;
    }

    @Override
    public boolean isSecure() {
      return metaData.isSecure();
    }
  }
}
