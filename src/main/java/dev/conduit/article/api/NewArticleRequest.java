package dev.conduit.article.api;

import java.util.List;

/** {@code POST /api/articles} body. {@code tagList} may be absent or empty. */
public record NewArticleRequest(NewArticle article) {
  public record NewArticle(String title, String description, String body, List<String> tagList) {}
}
