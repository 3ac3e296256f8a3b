package dev.conduit.ops;

import com.google.common.base.Strings;
import dev.conduit.config.Serving;
import dev.conduit.web.TrustedProxyCustomizer;
import io.dropwizard.core.server.DefaultServerFactory;
import io.dropwizard.core.server.ServerFactory;
import io.dropwizard.core.server.SimpleServerFactory;
import io.dropwizard.jetty.ConnectorFactory;
import io.dropwizard.jetty.HttpConnectorFactory;
import java.net.InetAddress;
import java.util.List;

/**
 * Refuses to serve when the admin port would be reachable from other machines without a password,
 * as one line, like the other settings only serving needs ({@link Serving}).
 */
public final class AdminPortGuard {
  private AdminPortGuard() {}

  public static void check(ServerFactory server, OpsFactory ops) {
    if (!ops.adminPassword.isEmpty()) {
      return;
    }
    // The "simple" server serves the admin servlets on its one connector.
    List<ConnectorFactory> connectors =
        server instanceof DefaultServerFactory d
            ? d.getAdminConnectors()
            : server instanceof SimpleServerFactory s ? List.of(s.getConnector()) : List.of();
    for (ConnectorFactory connector : connectors) {
      String host =
          connector instanceof HttpConnectorFactory http
              ? Strings.nullToEmpty(http.getBindHost()).strip()
              : "";
      if (!isLoopback(host)) {
        throw new Serving.NotServable(
            List.of(
                "ADMIN_PASSWORD is not set but the admin port is bound to "
                    + (host.isEmpty() ? "every interface" : host)
                    + ": set ADMIN_PASSWORD, or ADMIN_BIND=127.0.0.1 to keep the port on loopback"));
      }
    }
  }

  /** Loopback literals and "localhost"; anything else (a name, 0.0.0.0, empty) is not. */
  static boolean isLoopback(String host) {
    return host.equalsIgnoreCase("localhost")
        || TrustedProxyCustomizer.ipLiteral(host).map(InetAddress::isLoopbackAddress).orElse(false);
  }
}
