package dev.conduit.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import org.eclipse.jetty.util.HostPort;

/**
 * 400 for a {@code Host} not ours (DNS rebinding, poisoned absolute URLs); {@code *.x.org} matches
 * subdomains. Probes are exempt: orchestrators probe by pod IP.
 */
public class TrustedHostFilter extends HttpFilter {
  private final List<String> allowed;

  public TrustedHostFilter(List<String> allowed) {
    this.allowed = List.copyOf(allowed);
  }

  @Override
  protected void doFilter(HttpServletRequest req, HttpServletResponse res, FilterChain chain)
      throws IOException, ServletException {
    if (allowed.isEmpty()
        || req.getRequestURI().startsWith("/health")
        || isAllowed(req.getHeader("Host"))) {
      chain.doFilter(req, res);
      return;
    }
    ErrorBody.of("host", "is not served here").write(res, 400);
  }

  boolean isAllowed(String hostHeader) {
    String host;
    try { // Jetty's parser: strips the port, keeps IPv6 brackets, refuses a bad port
      host = new HostPort(hostHeader.trim()).getHost().toLowerCase(Locale.ROOT);
    } catch (RuntimeException missingOrMalformed) {
      return false;
    }
    String name = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
    return allowed.stream()
        .anyMatch(
            entry ->
                entry.startsWith("*.")
                    ? name.endsWith(entry.substring(1)) && name.length() > entry.length() - 1
                    : name.equals(entry));
  }
}
