package dev.conduit.user;

import dev.conduit.auth.Audit;
import dev.conduit.auth.AuthUser;
import dev.conduit.auth.CredentialGuard;
import dev.conduit.user.api.UpdateUserRequest;
import dev.conduit.user.api.UserResponse;
import io.dropwizard.auth.Auth;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;

/** The caller's own account. Both operations need a valid token (401 otherwise). */
@Path("/user")
@Produces(MediaType.APPLICATION_JSON)
public class CurrentUserResource {
  private final UserService users;
  private final CredentialGuard guard;

  public CurrentUserResource(UserService users, CredentialGuard guard) {
    this.users = users;
    this.guard = guard;
  }

  @GET
  public UserResponse current(@Auth AuthUser caller) {
    return users.current(caller.id(), caller.token());
  }

  /**
   * Changes only the fields given; a taken email or username is refused and changes nothing. A new
   * password costs a bcrypt hash, so it draws from the per-IP credential limit (429 over it).
   * Password and email changes write an audit event.
   */
  @PUT
  @Consumes(MediaType.APPLICATION_JSON)
  public UserResponse update(
      @Auth AuthUser caller,
      @NotNull @Valid UpdateUserRequest request,
      @Context HttpServletRequest http) {
    boolean password = request.user().password() != null;
    boolean email = request.user().email() != null;
    if (password) {
      guard.beginPasswordChange(caller.id(), http.getRemoteAddr());
    }
    UserResponse updated = users.update(caller, request);
    if (password) {
      Audit.passwordChanged(caller.id());
    }
    if (email) {
      Audit.emailChanged(caller.id());
    }
    return updated;
  }
}
