package dev.conduit.article.api;

import java.util.List;

/**
 * {@code PUT /api/articles/{slug}} body. Every field is optional; absent leaves it unchanged. A new
 * title gives a new slug. {@code tagList}, not in the contract but sent by some clients, replaces
 * the tags when present.
 */
public record UpdateArticleRequest(Changes article) {
  public record Changes(String title, String description, String body, List<String> tagList) {}
}
