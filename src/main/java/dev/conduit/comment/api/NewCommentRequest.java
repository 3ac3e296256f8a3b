package dev.conduit.comment.api;

import dev.conduit.web.text.PlainText;
import jakarta.validation.Valid;

/** {@code POST /api/articles/{slug}/comments} body. */
public record NewCommentRequest(@Valid NewComment comment) {
  public record NewComment(@PlainText(multiLine = true) String body) {}
}
