package dev.conduit.ops;

import dev.conduit.web.TrustedProxyCustomizer;
import io.dropwizard.core.server.DefaultServerFactory;
import io.dropwizard.core.server.ServerFactory;
import io.dropwizard.core.server.SimpleServerFactory;
import io.dropwizard.jetty.ConnectorFactory;
import io.dropwizard.jetty.HttpConnectorFactory;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;

/**
 * Refuses to serve when the admin port (tasks such as {@code drain}, metrics, thread dumps) would
 * be reachable from other machines without a password. Checked when {@code server} starts, not by
 * {@code check} or the {@code db} commands: those never open the port, and a migration Job should
 * not need the admin password.
 */
public final class AdminPortGuard {
  private AdminPortGuard() {}

  /** The refusal: one line on stderr, no stack trace, exit status 1 (the message says why). */
  public static final class UnprotectedAdminPort extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UnprotectedAdminPort(String message) {
      super(message, null, false, false);
    }

    // Dropwizard prints a failed command's exception with printStackTrace: keep it one line.
    @Override
    public void printStackTrace(PrintWriter out) {
      out.println(getMessage());
    }

    @Override
    public void printStackTrace(PrintStream out) {
      out.println(getMessage());
    }
  }

  /** Throws {@link UnprotectedAdminPort} for a non-loopback admin bind without a password. */
  public static void check(ServerFactory server, OpsFactory ops) {
    if (!ops.getAdminPassword().isEmpty()) {
      return;
    }
    for (ConnectorFactory connector : adminConnectors(server)) {
      String host = bindHost(connector).orElse("");
      if (!isLoopback(host)) {
        throw new UnprotectedAdminPort(
            "ADMIN_PASSWORD is not set but the admin port is bound to "
                + (host.isEmpty() ? "every interface" : host)
                + ": set ADMIN_PASSWORD, or ADMIN_BIND=127.0.0.1 to keep the port on loopback");
      }
    }
  }

  /** The connectors that serve the admin servlets (the shared one for the "simple" server). */
  static List<ConnectorFactory> adminConnectors(ServerFactory server) {
    if (server instanceof DefaultServerFactory d) {
      return d.getAdminConnectors();
    }
    if (server instanceof SimpleServerFactory s) {
      return List.of(s.getConnector());
    }
    return List.of();
  }

  private static Optional<String> bindHost(ConnectorFactory connector) {
    return connector instanceof HttpConnectorFactory http
        ? Optional.ofNullable(http.getBindHost()).map(String::strip)
        : Optional.empty();
  }

  /** Loopback literals and "localhost"; anything else (a name, 0.0.0.0, empty) is not. */
  static boolean isLoopback(String host) {
    if (host.equalsIgnoreCase("localhost")) {
      return true;
    }
    return TrustedProxyCustomizer.ipLiteral(host).map(a -> a.isLoopbackAddress()).orElse(false);
  }
}
