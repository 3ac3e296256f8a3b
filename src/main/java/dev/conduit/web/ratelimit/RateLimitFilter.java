package dev.conduit.web.ratelimit;

import dev.conduit.web.ErrorBody;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link RateLimiter} rule by client network ({@link ClientKey} of the proxy-resolved address):
 * over it, 429 with {@code Retry-After}, before the body is read.
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
    var probe = limiter.consume(rule, ClientKey.of(request.getRemoteAddr()));
    if (probe.isConsumed()) {
      return;
    }
    long seconds = RateLimiter.retryAfterSeconds(probe);
    // Expected traffic, so INFO; the MDC carries the IP.
    LOG.info("Rate limit exceeded ({}); retry in {} s", rule.name(), seconds);
    var body = ErrorBody.of("request", "too many requests; retry in " + seconds + " seconds");
    context.abortWith(
        Response.fromResponse(body.toResponse(429)).header("Retry-After", seconds).build());
  }

  /** The loose limit on every API route, matched or not (pre-matching: 404s count too). */
  @PreMatching
  public static final class Api extends RateLimitFilter {
    public Api(RateLimiter limiter) {
      super(limiter, limiter.api);
    }
  }

  /** The tight credential limit, on {@link RateLimited} resources only. */
  @RateLimited
  public static final class Credentials extends RateLimitFilter {
    public Credentials(RateLimiter limiter) {
      super(limiter, limiter.auth);
    }
  }
}
