package dev.conduit.user;

import dev.conduit.user.api.LoginRequest;
import dev.conduit.user.api.RegisterRequest;
import dev.conduit.user.api.UserResponse;
import jakarta.validation.Valid;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Registration and login: the two ways to get a token. */
@Path("/users")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class UserResource {
  private final UserService users;

  public UserResource(UserService users) {
    this.users = users;
  }

  /** 201 with the new user and a token; 422 naming each invalid or taken field. */
  @POST
  public Response register(@Valid RegisterRequest request) {
    return Response.status(Response.Status.CREATED).entity(users.register(request)).build();
  }

  /** 200 with a fresh token; 401 with one message for unknown email and wrong password alike. */
  @POST
  @Path("/login")
  public UserResponse login(@Valid LoginRequest request) {
    return users.login(request);
  }
}
