package dev.conduit.user;

import dev.conduit.auth.Audit;
import dev.conduit.auth.CredentialGuard;
import dev.conduit.user.api.LoginRequest;
import dev.conduit.user.api.RegisterRequest;
import dev.conduit.user.api.UserResponse;
import dev.conduit.web.ApiException;
import dev.conduit.web.ratelimit.RateLimited;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * Registration and login: the two ways to get a token. Both write an audit event; logins also go
 * through the per-account {@link CredentialGuard}.
 */
@Path("/users")
@RateLimited // both methods take credentials: the tight per-client bucket
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class UserResource {
  private final UserService users;
  private final CredentialGuard guard;

  public UserResource(UserService users, CredentialGuard guard) {
    this.users = users;
    this.guard = guard;
  }

  /** 201 with the new user and a token; 422 naming each invalid or taken field. */
  @POST
  public Response register(@NotNull @Valid RegisterRequest request) {
    UserResponse created = users.register(request);
    Audit.signUp(guard.accountRef(created.user().email()));
    return Response.status(Response.Status.CREATED).entity(created).build();
  }

  /**
   * 200 with a fresh token; 401 with one message for unknown email and wrong password alike; 429
   * with {@code Retry-After} when this account has failed too often (see {@link CredentialGuard}).
   */
  @POST
  @Path("/login")
  public UserResponse login(
      @NotNull @Valid LoginRequest request, @Context HttpServletRequest http) {
    String email = UserService.normalizeEmail(request.user().email());
    var attempt = guard.beginLogin(email, http.getRemoteAddr());
    UserResponse reply;
    try {
      reply = users.login(request);
    } catch (ApiException e) {
      if (e.status() == 401) {
        Audit.loginFailed(attempt.account());
      } else {
        attempt.withdrawn();
      }
      throw e;
    } catch (RuntimeException e) {
      attempt.withdrawn();
      throw e;
    }
    attempt.succeeded();
    Audit.loginSucceeded(attempt.account());
    return reply;
  }
}
