package dev.conduit.web.ratelimit;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.NameBinding;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.Context;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a resource method that checks credentials or creates accounts: each call also draws on the
 * tight per-client credential bucket ({@code edge.rateLimit.auth*}), on top of the API-wide one.
 * Declared on the resource, so the limit follows the method whatever its path is spelt like.
 */
@NameBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface RateLimited {

  /** Runs before the body is read, so a refused request costs no parsing or validation. */
  @RateLimited
  final class Filter implements ContainerRequestFilter {
    private final RateLimiter limiter;
    @Context private HttpServletRequest request;

    public Filter(RateLimiter limiter) {
      this.limiter = limiter;
    }

    @Override
    public void filter(ContainerRequestContext context) {
      var decision = limiter.tryConsume(limiter.authRule(), ClientKey.of(request.getRemoteAddr()));
      if (!decision.allowed()) {
        context.abortWith(RateLimitFilter.tooManyRequests(decision.retryAfterSeconds()));
      }
    }
  }
}
