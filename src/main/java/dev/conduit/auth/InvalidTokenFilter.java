package dev.conduit.auth;

import dev.conduit.web.ApiException;
import io.dropwizard.auth.Auth;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.DynamicFeature;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.FeatureContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.lang.reflect.Parameter;
import java.security.Principal;
import java.util.Optional;

/**
 * Verifies the {@code Authorization} token once per request, on every route, and publishes the
 * caller as the request's principal, which dropwizard-auth's {@code @Auth} parameters read.
 *
 * <p>A header that is present but not a valid token is refused with 401 also on routes where
 * authentication is optional (profiles, article lists, comments): dropwizard-auth would treat such
 * a caller as anonymous there, so an expired or tampered token would silently show "following:
 * false" instead of telling the client to log in again.
 *
 * <p>dropwizard-auth's own {@code OAuthCredentialAuthFilter} verified the token a second time on
 * every authenticated request (HMAC and JSON parsing: about 4% of a feed request's CPU in JFR,
 * issue 9); {@link #requireCaller()} is the filter bound to {@code @Auth} parameters instead: it
 * only checks that this filter found a caller.
 */
@Priority(Priorities.AUTHENTICATION - 1)
public final class InvalidTokenFilter implements ContainerRequestFilter {
  static final String PREFIX = "Token";
  static final String REALM = "conduit";

  private final Authentication authentication;

  public InvalidTokenFilter(Authentication authentication) {
    this.authentication = authentication;
  }

  @Override
  public void filter(ContainerRequestContext request) {
    String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
    if (header == null) {
      return;
    }
    var caller =
        header.regionMatches(true, 0, PREFIX + " ", 0, PREFIX.length() + 1)
            ? authentication.authenticate(header.substring(PREFIX.length() + 1).strip())
            : Optional.<AuthUser>empty();
    if (caller.isEmpty()) {
      Audit.tokenRejected();
      request.abortWith(unauthorized());
      return;
    }
    request.setSecurityContext(new Caller(caller.get(), request.getSecurityContext().isSecure()));
  }

  /**
   * Binds {@link RequireCaller} to the resource methods with a required {@code @Auth} parameter.
   * dropwizard-auth's {@code AuthDynamicFeature} binds it to {@code Optional} ones too and turns
   * the 401 into an empty caller there: building and dropping that response was 3% of the CPU of an
   * anonymous article read (JFR, issue 9). Optional parameters read the principal as it is.
   */
  public static DynamicFeature requireCaller() {
    return new RequireCallerWhereNeeded();
  }

  private static final class RequireCallerWhereNeeded implements DynamicFeature {
    @Override
    public void configure(ResourceInfo resource, FeatureContext context) {
      for (Parameter p : resource.getResourceMethod().getParameters()) {
        if (p.isAnnotationPresent(Auth.class) && p.getType() != Optional.class) {
          context.register(new RequireCaller());
          return;
        }
      }
    }
  }

  /** Lets a request through only when this filter verified its caller; else 401. */
  @Priority(Priorities.AUTHENTICATION)
  private static final class RequireCaller implements ContainerRequestFilter {
    @Override
    public void filter(ContainerRequestContext request) {
      if (!(request.getSecurityContext().getUserPrincipal() instanceof AuthUser)) {
        throw new WebApplicationException(unauthorized());
      }
    }
  }

  private record Caller(AuthUser user, boolean secure) implements SecurityContext {
    @Override
    public Principal getUserPrincipal() {
      return user;
    }

    @Override
    public boolean isUserInRole(String role) {
      return false;
    }

    @Override
    public boolean isSecure() {
      return secure;
    }

    @Override
    public String getAuthenticationScheme() {
      return PREFIX;
    }
  }

  /** The RealWorld body of every token refusal, with the challenge RFC 7235 asks for. */
  static Response unauthorized() {
    return Response.fromResponse(ApiException.unauthorized().body().toResponse(401))
        .header(HttpHeaders.WWW_AUTHENTICATE, PREFIX + " realm=\"" + REALM + "\"")
        .build();
  }
}
