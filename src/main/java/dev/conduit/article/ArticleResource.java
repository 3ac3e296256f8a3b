package dev.conduit.article;

import dev.conduit.article.api.ArticleResponse;
import dev.conduit.article.api.ArticlesResponse;
import dev.conduit.article.api.NewArticleRequest;
import dev.conduit.article.api.UpdateArticleRequest;
import dev.conduit.auth.AuthUser;
import dev.conduit.profile.ProfileService;
import io.dropwizard.auth.Auth;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Optional;

/**
 * {@code /articles}: the global list and the feed, reading one article, and writing articles. Reads
 * are open to anyone (the caller only colours {@code favorited} and {@code following}); writes need
 * a token, and changing or deleting needs to be the author (403 otherwise).
 *
 * <p>{@code limit} and {@code offset} arrive as text so that a bad value is our 422 naming the
 * parameter rather than Jersey's bare 404.
 */
@Path("/articles")
@Produces(MediaType.APPLICATION_JSON)
public class ArticleResource {
  private final ArticleService articles;

  public ArticleResource(ArticleService articles) {
    this.articles = articles;
  }

  @GET
  public ArticlesResponse list(
      @Auth Optional<AuthUser> caller,
      @QueryParam("tag") String tag,
      @QueryParam("author") String author,
      @QueryParam("favorited") String favorited,
      @QueryParam("limit") String limit,
      @QueryParam("offset") String offset) {
    var query = ArticleQuery.parse(tag, author, favorited, limit, offset);
    return articles.list(query, viewer(caller));
  }

  /** Articles by the authors the caller follows; empty (not an error) when they follow no one. */
  @GET
  @Path("/feed")
  public ArticlesResponse feed(
      @Auth AuthUser caller,
      @QueryParam("limit") String limit,
      @QueryParam("offset") String offset) {
    return articles.feed(ArticleQuery.page(limit, offset), caller.id());
  }

  @GET
  @Path("/{slug}")
  public ArticleResponse get(@Auth Optional<AuthUser> caller, @PathParam("slug") String slug) {
    return articles.get(slug, viewer(caller));
  }

  /** 201 with the article; 422 naming each missing or invalid field. */
  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  public Response create(@Auth AuthUser caller, @NotNull @Valid NewArticleRequest request) {
    return Response.status(Response.Status.CREATED)
        .entity(articles.create(caller.id(), request))
        .build();
  }

  @PUT
  @Path("/{slug}")
  @Consumes(MediaType.APPLICATION_JSON)
  public ArticleResponse update(
      @Auth AuthUser caller,
      @PathParam("slug") String slug,
      @NotNull @Valid UpdateArticleRequest request) {
    return articles.update(caller.id(), slug, request);
  }

  /** 204; comments, favorites and tag links go with the article. */
  @DELETE
  @Path("/{slug}")
  public Response delete(@Auth AuthUser caller, @PathParam("slug") String slug) {
    articles.delete(caller.id(), slug);
    return Response.noContent().build();
  }

  static long viewer(Optional<AuthUser> caller) {
    return caller.map(AuthUser::id).orElse(ProfileService.ANONYMOUS);
  }
}
