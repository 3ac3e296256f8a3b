package dev.conduit.article.api;

import dev.conduit.web.text.NullOrNotBlank;
import dev.conduit.web.text.PlainText;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * {@code PUT /api/articles/{slug}} body. Every field is optional; absent leaves it unchanged. A new
 * title gives a new slug. {@code tagList}, not in the contract but sent by some clients, replaces
 * the tags when present. The envelope itself is required (422 naming {@code article}). The rules
 * are {@link NewArticleRequest}'s.
 */
public record UpdateArticleRequest(@NotNull(message = "can't be blank") @Valid Changes article) {
  public record Changes(
      @NullOrNotBlank @PlainText @Size(max = 255, message = PlainText.TOO_LONG) String title,
      @NullOrNotBlank @PlainText @Size(max = 1000, message = PlainText.TOO_LONG) String description,
      @NullOrNotBlank @PlainText.MultiLine @Size(max = 100_000, message = PlainText.TOO_LONG)
          String body,
      @Size(max = 32, message = "is too long (maximum is {max} tags)")
          List<@NewArticleRequest.Tag String> tagList) {}
}
