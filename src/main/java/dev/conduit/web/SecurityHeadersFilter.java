package dev.conduit.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;

/**
 * Headers that make a JSON API inert in a browser, set before the chain so errors carry them too.
 * HSTS only over HTTPS; {@code no-store} on credentialed requests so no cache keeps a profile.
 */
public class SecurityHeadersFilter extends HttpFilter {
  static final String CSP = "default-src 'none'; frame-ancestors 'none'";

  private final String hsts;

  public SecurityHeadersFilter(Duration hstsMaxAge) {
    this.hsts =
        hstsMaxAge.isZero() ? null : "max-age=" + hstsMaxAge.toSeconds() + "; includeSubDomains";
  }

  @Override
  protected void doFilter(HttpServletRequest req, HttpServletResponse res, FilterChain chain)
      throws IOException, ServletException {
    res.setHeader("X-Content-Type-Options", "nosniff");
    res.setHeader("X-Frame-Options", "DENY");
    res.setHeader("Referrer-Policy", "no-referrer");
    res.setHeader("Content-Security-Policy", CSP);
    if (req.isSecure() && hsts != null) {
      res.setHeader("Strict-Transport-Security", hsts);
    }
    if (req.getHeader("Authorization") != null) {
      res.setHeader("Cache-Control", "no-store");
    }
    chain.doFilter(req, res);
  }
}
