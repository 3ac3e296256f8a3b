package dev.conduit.article;

import dev.conduit.article.api.ArticleResponse;
import dev.conduit.auth.AuthUser;
import io.dropwizard.auth.Auth;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** {@code /articles/{slug}/favorite}: both idempotent; both answer with the updated article. */
@Path("/articles/{slug}/favorite")
@Produces(MediaType.APPLICATION_JSON)
public class FavoriteResource {
  private final ArticleService articles;

  public FavoriteResource(ArticleService articles) {
    this.articles = articles;
  }

  @POST
  public ArticleResponse favorite(@Auth AuthUser caller, @PathParam("slug") String slug) {
    return articles.favorite(caller.id(), slug);
  }

  @DELETE
  public ArticleResponse unfavorite(@Auth AuthUser caller, @PathParam("slug") String slug) {
    return articles.unfavorite(caller.id(), slug);
  }
}
