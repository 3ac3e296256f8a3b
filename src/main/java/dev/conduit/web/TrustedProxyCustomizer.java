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
 * Believes {@code X-Forwarded-For} and {@code -Proto} only from a trusted proxy, before any handler
 * runs. Jetty's {@code ForwardedRequestCustomizer} believes every caller and takes the left-most
 * (client-chosen) hop, which would let anyone pick the IP their rate limit is counted against.
 */
public final class TrustedProxyCustomizer implements HttpConfiguration.Customizer {
  private final InetAddressSet trusted;

  public TrustedProxyCustomizer(InetAddressSet trusted) {
    this.trusted = trusted;
  }

  /** An IP literal (brackets allowed), never a DNS lookup as {@code InetAddress} would do. */
  public static Optional<InetAddress> ipLiteral(String value) {
    String v = value == null ? "" : value.trim();
    String bare = v.startsWith("[") && v.endsWith("]") ? v.substring(1, v.length() - 1) : v;
    return Optional.of(bare).filter(InetAddresses::isInetAddress).map(InetAddresses::forString);
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

  /** Right to left while the hop is a trusted proxy; a malformed hop stops the walk. */
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
