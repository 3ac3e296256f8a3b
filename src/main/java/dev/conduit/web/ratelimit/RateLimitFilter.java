package dev.conduit.web.ratelimit;

import dev.conduit.web.ErrorBody;
import dev.conduit.web.ErrorResponses;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the {@link RateLimiter} to {@code /api/*} by client IP (IPv6 by /64, see {@link
 * ClientKey}): the resolved one (see {@code TrustedProxyCustomizer}), so a direct caller cannot
 * dodge its limit with {@code X-Forwarded-For}. Over a limit: 429, {@code Retry-After} and a
 * RealWorld body. Health probes are outside {@code /api} and never limited.
 */
public class RateLimitFilter extends HttpFilter {
  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(RateLimitFilter.class);

  private final transient RateLimiter limiter;

  public RateLimitFilter(RateLimiter limiter) {
    this.limiter = limiter;
  }

  @Override
  protected void doFilter(HttpServletRequest req, HttpServletResponse res, FilterChain chain)
      throws IOException, ServletException {
    String ip = ClientKey.of(req.getRemoteAddr());
    RateLimiter.Decision decision = RateLimiter.Decision.ALLOWED;
    if (isCredentialEndpoint(req)) {
      decision = limiter.tryConsume(limiter.authRule(), ip);
    }
    if (decision.allowed()) {
      decision = limiter.tryConsume(limiter.apiRule(), ip);
    }
    if (decision.allowed()) {
      chain.doFilter(req, res);
      return;
    }
    // INFO, not WARN: a client over its limit is expected traffic. The MDC carries its IP.
    LOG.info("Rate limit exceeded; retry in {} s", decision.retryAfterSeconds());
    res.setHeader("Retry-After", Long.toString(decision.retryAfterSeconds()));
    ErrorResponses.write(
        res,
        429,
        ErrorBody.of(
            "request", "too many requests; retry in " + decision.retryAfterSeconds() + " seconds"));
  }

  /** POST /api/users and POST /api/users/login, however the path is spelt (trailing slash). */
  static boolean isCredentialEndpoint(HttpServletRequest req) {
    if (!"POST".equalsIgnoreCase(req.getMethod())) {
      return false;
    }
    String path = req.getServletPath() + (req.getPathInfo() == null ? "" : req.getPathInfo());
    while (path.length() > 1 && path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    return path.equals("/api/users") || path.equals("/api/users/login");
  }
}
