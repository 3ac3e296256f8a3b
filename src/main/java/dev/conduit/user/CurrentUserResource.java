package dev.conduit.user;

import dev.conduit.auth.AuthUser;
import dev.conduit.user.api.UpdateUserRequest;
import dev.conduit.user.api.UserResponse;
import io.dropwizard.auth.Auth;
import jakarta.validation.Valid;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** The caller's own account. Both operations need a valid token (401 otherwise). */
@Path("/user")
@Produces(MediaType.APPLICATION_JSON)
public class CurrentUserResource {
  private final UserService users;

  public CurrentUserResource(UserService users) {
    this.users = users;
  }

  @GET
  public UserResponse current(@Auth AuthUser caller) {
    return users.current(caller.id(), caller.token());
  }

  /** Changes only the fields given; a taken email or username is refused and changes nothing. */
  @PUT
  @Consumes(MediaType.APPLICATION_JSON)
  public UserResponse update(@Auth AuthUser caller, @Valid UpdateUserRequest request) {
    return users.update(caller, request);
  }
}
