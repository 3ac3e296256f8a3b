package dev.conduit.auth;

import dev.conduit.web.JsonUnauthorizedHandler;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;

/**
 * Refuses a request whose {@code Authorization} header is present but not a valid token, also on
 * routes where authentication is optional (profiles, article lists, comments). dropwizard-auth
 * would treat such a caller as anonymous there, so an expired or tampered token would silently show
 * "following: false" instead of telling the client to log in again.
 */
@Priority(Priorities.AUTHENTICATION - 1)
public final class InvalidTokenFilter implements ContainerRequestFilter {
  private static final String PREFIX = "Token ";

  private final Authentication authentication;
  private final JsonUnauthorizedHandler unauthorized = new JsonUnauthorizedHandler();

  public InvalidTokenFilter(Authentication authentication) {
    this.authentication = authentication;
  }

  @Override
  public void filter(ContainerRequestContext request) {
    String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
    if (header == null) {
      return;
    }
    boolean valid =
        header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())
            && authentication.authenticate(header.substring(PREFIX.length()).strip()).isPresent();
    if (!valid) {
      Audit.tokenRejected();
      request.abortWith(unauthorized.buildResponse("Token", "conduit"));
    }
  }
}
