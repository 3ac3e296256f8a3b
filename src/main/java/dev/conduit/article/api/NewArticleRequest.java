package dev.conduit.article.api;

import dev.conduit.web.text.PlainText;
import jakarta.validation.Valid;
import java.util.List;

/** {@code POST /api/articles} body. {@code tagList} may be absent or empty. */
public record NewArticleRequest(@Valid NewArticle article) {
  public record NewArticle(
      @PlainText String title,
      @PlainText String description,
      @PlainText(multiLine = true) String body,
      List<@PlainText String> tagList) {}
}
