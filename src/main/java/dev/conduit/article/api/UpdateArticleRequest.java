package dev.conduit.article.api;

import dev.conduit.web.text.PlainText;
import jakarta.validation.Valid;
import java.util.List;

/**
 * {@code PUT /api/articles/{slug}} body. Every field is optional; absent leaves it unchanged. A new
 * title gives a new slug. {@code tagList}, not in the contract but sent by some clients, replaces
 * the tags when present. The envelope itself is required (422 naming {@code article}).
 */
public record UpdateArticleRequest(@Valid Changes article) {
  public record Changes(
      @PlainText String title,
      @PlainText String description,
      @PlainText(multiLine = true) String body,
      List<@PlainText String> tagList) {}
}
