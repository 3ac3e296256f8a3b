package dev.conduit.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * CORS headers for listed origins only (exact, or {@code *}); a preflight gets 204, or 403 from an
 * unlisted origin. Not Jetty's {@code CrossOriginHandler}: it runs before the filters, so its
 * answers would lack the request id and security headers, and it matches origins by regex.
 */
public class CorsFilter extends HttpFilter {
  static final String ALLOWED_METHODS = "GET, POST, PUT, DELETE, OPTIONS";
  static final String ALLOWED_HEADERS = "Authorization, Content-Type, X-Request-Id";
  static final String EXPOSED_HEADERS = "X-Request-Id, Retry-After";

  private final Set<String> origins;
  private final boolean anyOrigin;
  private final boolean credentials;
  private final long maxAgeSeconds;

  public CorsFilter(List<String> origins, boolean credentials, Duration maxAge) {
    this.origins = Set.copyOf(origins);
    this.anyOrigin = origins.contains("*");
    if (anyOrigin && credentials) {
      throw new IllegalArgumentException("CORS origin '*' cannot be combined with credentials");
    }
    this.credentials = credentials;
    this.maxAgeSeconds = maxAge.toSeconds();
  }

  @Override
  protected void doFilter(HttpServletRequest req, HttpServletResponse res, FilterChain chain)
      throws IOException, ServletException {
    String origin = req.getHeader("Origin");
    if (origin == null) {
      chain.doFilter(req, res);
      return;
    }
    boolean allowed = anyOrigin || origins.contains(origin);
    boolean preflight =
        "OPTIONS".equals(req.getMethod()) && req.getHeader("Access-Control-Request-Method") != null;
    if (!anyOrigin) {
      res.addHeader("Vary", "Origin");
    }
    if (!allowed) {
      if (preflight) {
        ErrorBody.of("origin", "is not allowed").write(res, 403);
      } else {
        chain.doFilter(req, res);
      }
      return;
    }
    res.setHeader("Access-Control-Allow-Origin", anyOrigin ? "*" : origin);
    if (credentials) {
      res.setHeader("Access-Control-Allow-Credentials", "true");
    }
    if (preflight) {
      res.setHeader("Access-Control-Allow-Methods", ALLOWED_METHODS);
      res.setHeader("Access-Control-Allow-Headers", ALLOWED_HEADERS);
      res.setHeader("Access-Control-Max-Age", Long.toString(maxAgeSeconds));
      res.setStatus(HttpServletResponse.SC_NO_CONTENT);
      return;
    }
    res.setHeader("Access-Control-Expose-Headers", EXPOSED_HEADERS);
    chain.doFilter(req, res);
  }
}
