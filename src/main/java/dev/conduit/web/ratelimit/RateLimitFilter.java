package dev.conduit.web.ratelimit;

import dev.conduit.web.ErrorBody;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies a {@link RateLimiter} rule by client IP (IPv6 by /64, see {@link ClientKey}): the
 * resolved one (see {@code TrustedProxyCustomizer}), so a direct caller cannot dodge its limit with
 * {@code X-Forwarded-For}. Over a limit: 429, {@code Retry-After} and a RealWorld body. Runs before
 * the body is read, so a refused request costs no parsing. Health probes are outside Jersey.
 */
public abstract class RateLimitFilter implements ContainerRequestFilter {
  private static final Logger LOG = LoggerFactory.getLogger(RateLimitFilter.class);

  private final RateLimiter limiter;
  private final RateLimiter.Rule rule;
  @Context private HttpServletRequest request;

  RateLimitFilter(RateLimiter limiter, RateLimiter.Rule rule) {
    this.limiter = limiter;
    this.rule = rule;
  }

  @Override
  public void filter(ContainerRequestContext context) {
    var decision = limiter.tryConsume(rule, ClientKey.of(request.getRemoteAddr()));
    if (decision.allowed()) {
      return;
    }
    long seconds = decision.retryAfterSeconds();
    // INFO, not WARN: a client over its limit is expected traffic. The MDC carries its IP.
    LOG.info("Rate limit exceeded ({}); retry in {} s", rule.name(), seconds);
    context.abortWith(
        Response.status(429)
            .header("Retry-After", seconds)
            .type(MediaType.APPLICATION_JSON_TYPE)
            .entity(ErrorBody.of("request", "too many requests; retry in " + seconds + " seconds"))
            .build());
  }

  /** The loose limit on every API route, matched or not (pre-matching: 404s count too). */
  @PreMatching
  public static final class Api extends RateLimitFilter {
    public Api(RateLimiter limiter) {
      super(limiter, limiter.apiRule());
    }
  }

  /** The tight credential limit, on {@link RateLimited} resources only. */
  @RateLimited
  public static final class Credentials extends RateLimitFilter {
    public Credentials(RateLimiter limiter) {
      super(limiter, limiter.authRule());
    }
  }
}
