package dev.conduit.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Locale;

/**
 * Answers 400 to a request whose {@code Host} is not one of ours (DNS rebinding, host-header
 * poisoning of any absolute URL we might build). Probe paths ({@code /health*}) are exempt, since
 * orchestrators probe by pod IP. An entry {@code *.example.org} matches any subdomain.
 */
public class TrustedHostFilter extends HttpFilter {
  private static final long serialVersionUID = 1L;

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
    ErrorResponses.write(res, 400, ErrorBody.of("host", "is not served here"));
  }

  boolean isAllowed(String hostHeader) {
    if (hostHeader == null || hostHeader.isBlank()) {
      return false;
    }
    String host = stripPort(hostHeader.trim()).toLowerCase(Locale.ROOT);
    if (host.endsWith(".")) {
      host = host.substring(0, host.length() - 1);
    }
    for (String entry : allowed) {
      if (entry.startsWith("*.")
          ? host.endsWith(entry.substring(1)) && host.length() > entry.length() - 1
          : host.equals(entry)) {
        return true;
      }
    }
    return false;
  }

  private static String stripPort(String host) {
    if (host.startsWith("[")) {
      int end = host.indexOf(']');
      return end < 0 ? host : host.substring(0, end + 1);
    }
    int colon = host.indexOf(':');
    return colon < 0 ? host : host.substring(0, colon);
  }
}
