package dev.conduit.user;

import dev.conduit.user.api.UserResponse;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.HttpHeaders;

/**
 * {@code Cache-Control: no-store} on every response that carries a token (sign-up, login, {@code
 * GET} and {@code PUT /user}): no browser, proxy or CDN may keep a copy of a credential. Keyed on
 * the response type rather than on paths, so a new route returning a token is covered too.
 * (Requests that send a token get the same header from {@code SecurityHeadersFilter}.)
 */
public final class NoStoreTokenResponses implements ContainerResponseFilter {
  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
    if (response.getEntity() instanceof UserResponse) {
      response.getHeaders().putSingle(HttpHeaders.CACHE_CONTROL, "no-store");
    }
  }
}
