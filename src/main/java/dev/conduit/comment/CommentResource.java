package dev.conduit.comment;

import dev.conduit.auth.AuthUser;
import dev.conduit.comment.api.CommentResponse;
import dev.conduit.comment.api.CommentsResponse;
import dev.conduit.comment.api.NewCommentRequest;
import dev.conduit.profile.ProfileService;
import io.dropwizard.auth.Auth;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Optional;

/**
 * {@code /articles/{slug}/comments}. Reading is open; posting needs a token (200 with the comment,
 * as the contract says); deleting needs to be the comment's author (403 otherwise).
 */
@Path("/articles/{slug}/comments")
@Produces(MediaType.APPLICATION_JSON)
public class CommentResource {
  private final CommentService comments;

  public CommentResource(CommentService comments) {
    this.comments = comments;
  }

  @GET
  public CommentsResponse list(@Auth Optional<AuthUser> caller, @PathParam("slug") String slug) {
    return comments.list(slug, caller.map(AuthUser::id).orElse(ProfileService.ANONYMOUS));
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  public CommentResponse add(
      @Auth AuthUser caller,
      @PathParam("slug") String slug,
      @NotNull @Valid NewCommentRequest request) {
    return comments.add(caller.id(), slug, request);
  }

  /** The id is taken as text so that a non-numeric id is our 404 body, not Jersey's. */
  @DELETE
  @Path("/{id}")
  public Response delete(
      @Auth AuthUser caller, @PathParam("slug") String slug, @PathParam("id") String id) {
    comments.delete(caller.id(), slug, id);
    return Response.noContent().build();
  }
}
