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
 * The API-wide limit on {@code /api/*} (unknown paths included) by client IP (IPv6 by /64, see
 * {@link ClientKey}): the resolved one (see {@code TrustedProxyCustomizer}), so a direct caller
 * cannot dodge its limit with {@code X-Forwarded-For}. Over a limit: 429, {@code Retry-After} and a
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
    var decision = limiter.tryConsume(limiter.apiRule(), ClientKey.of(req.getRemoteAddr()));
    if (decision.allowed()) {
      chain.doFilter(req, res);
      return;
    }
    logRefusal(decision.retryAfterSeconds());
    res.setHeader("Retry-After", Long.toString(decision.retryAfterSeconds()));
    ErrorResponses.write(res, 429, body(decision.retryAfterSeconds()));
  }

  /** The same 429 from inside Jersey (see {@link RateLimited}). */
  static jakarta.ws.rs.core.Response tooManyRequests(long retryAfterSeconds) {
    logRefusal(retryAfterSeconds);
    return jakarta.ws.rs.core.Response.status(429)
        .header("Retry-After", retryAfterSeconds)
        .type(jakarta.ws.rs.core.MediaType.APPLICATION_JSON_TYPE)
        .entity(body(retryAfterSeconds))
        .build();
  }

  private static ErrorBody body(long retryAfterSeconds) {
    return ErrorBody.of("request", "too many requests; retry in " + retryAfterSeconds + " seconds");
  }

  private static void logRefusal(long retryAfterSeconds) {
    // INFO, not WARN: a client over its limit is expected traffic. The MDC carries its IP.
    LOG.info("Rate limit exceeded; retry in {} s", retryAfterSeconds);
  }
}
