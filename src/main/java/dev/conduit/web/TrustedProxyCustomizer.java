package dev.conduit.web;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.server.ConnectionMetaData;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.Request;

/**
 * Believes {@code X-Forwarded-For} and {@code X-Forwarded-Proto} only when the connection comes
 * from a trusted proxy. Jetty's own {@code ForwardedRequestCustomizer} (Dropwizard's {@code
 * useForwardedHeaders}) believes every caller, which would let anyone pick the IP their rate limit
 * is counted against.
 *
 * <p>It runs at Jetty's level, before any handler, so the servlet API, the access log and the rate
 * limiter all see the same resolved client address and scheme.
 */
public final class TrustedProxyCustomizer implements HttpConfiguration.Customizer {
  private final IpRanges trusted;

  public TrustedProxyCustomizer(IpRanges trusted) {
    this.trusted = trusted;
  }

  @Override
  public Request customize(Request request, HttpFields.Mutable responseHeaders) {
    SocketAddress peer = request.getConnectionMetaData().getRemoteSocketAddress();
    if (trusted.isEmpty()
        || !(peer instanceof InetSocketAddress socket)
        || socket.getAddress() == null
        || !trusted.contains(socket.getAddress())) {
      return request;
    }
    HttpFields headers = request.getHeaders();
    InetAddress client =
        resolveClient(socket.getAddress(), hops(headers.getValuesList("X-Forwarded-For")));
    List<String> protos = hops(headers.getValuesList("X-Forwarded-Proto"));
    boolean secure =
        protos.isEmpty()
            ? request.isSecure()
            : "https".equalsIgnoreCase(protos.get(protos.size() - 1));
    if (client.equals(socket.getAddress()) && secure == request.isSecure()) {
      return request;
    }
    return new ForwardedRequest(request, new InetSocketAddress(client, socket.getPort()), secure);
  }

  /**
   * Walks the hops right to left while the current one is a trusted proxy: the first address not
   * ours is the client. A malformed hop stops the walk (the last good address is kept).
   */
  InetAddress resolveClient(InetAddress peer, List<String> hops) {
    InetAddress current = peer;
    for (int i = hops.size() - 1; i >= 0 && trusted.contains(current); i--) {
      Optional<InetAddress> hop = IpRanges.parseLiteral(hops.get(i));
      if (hop.isEmpty()) {
        break;
      }
      current = hop.get();
    }
    return current;
  }

  private static List<String> hops(List<String> headerValues) {
    List<String> hops = new ArrayList<>();
    for (String value : headerValues) {
      for (String part : value.split(",")) {
        if (!part.isBlank()) {
          hops.add(part.trim());
        }
      }
    }
    return hops;
  }

  private static final class ForwardedRequest extends Request.Wrapper {
    private final ConnectionMetaData metaData;
    private final HttpURI uri;
    private final boolean secure;

    ForwardedRequest(Request wrapped, InetSocketAddress client, boolean secure) {
      super(wrapped);
      this.secure = secure;
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
      HttpURI original = wrapped.getHttpURI();
      this.uri =
          secure == wrapped.isSecure()
              ? original
              : HttpURI.build(original).scheme(secure ? "https" : "http").asImmutable();
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
      return secure;
    }
  }
}
