package dev.conduit.article.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.conduit.article.ArticleRow;
import dev.conduit.profile.api.Profile;
import java.time.Instant;
import java.util.List;

/**
 * An article as the contract shows it. {@code body} is left out of list items (the contract's list
 * schema has none, and it is the bulk of an article); single-article responses carry it.
 */
public record ArticleView(
    String slug,
    String title,
    String description,
    @JsonInclude(JsonInclude.Include.NON_NULL) String body,
    List<String> tagList,
    Instant createdAt,
    Instant updatedAt,
    boolean favorited,
    long favoritesCount,
    Profile author) {

  public static ArticleView of(ArticleRow row) {
    return new ArticleView(
        row.slug(),
        row.title(),
        row.description(),
        row.body(),
        row.tags(),
        row.createdAt(),
        row.updatedAt(),
        row.favorited(),
        row.favoritesCount(),
        row.author());
  }
}
