package dev.conduit.profile;

import dev.conduit.auth.AuthUser;
import dev.conduit.profile.api.ProfileResponse;
import io.dropwizard.auth.Auth;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Optional;

/**
 * {@code /profiles/{username}}: reading is open to anyone ({@code following} is false for an
 * anonymous caller); following and unfollowing need a token. Unknown usernames are 404.
 */
@Path("/profiles/{username}")
@Produces(MediaType.APPLICATION_JSON)
public class ProfileResource {
  private final ProfileService profiles;

  public ProfileResource(ProfileService profiles) {
    this.profiles = profiles;
  }

  @GET
  public ProfileResponse get(
      @Auth Optional<AuthUser> caller, @PathParam("username") String username) {
    long viewer = caller.map(AuthUser::id).orElse(ProfileService.ANONYMOUS);
    return new ProfileResponse(profiles.get(username, viewer));
  }

  /** Any request body is ignored (the official suite sends one). */
  @POST
  @Path("/follow")
  public ProfileResponse follow(@Auth AuthUser caller, @PathParam("username") String username) {
    return new ProfileResponse(profiles.follow(caller.id(), username));
  }

  @DELETE
  @Path("/follow")
  public ProfileResponse unfollow(@Auth AuthUser caller, @PathParam("username") String username) {
    return new ProfileResponse(profiles.unfollow(caller.id(), username));
  }
}
