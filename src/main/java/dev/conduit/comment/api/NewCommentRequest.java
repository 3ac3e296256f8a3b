package dev.conduit.comment.api;

import dev.conduit.web.text.PlainText;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** {@code POST /api/articles/{slug}/comments} body; a missing {@code comment} has no body. */
public record NewCommentRequest(@Valid NewComment comment) {
  public NewCommentRequest {
    comment = comment == null ? new NewComment(null) : comment;
  }

  public record NewComment(
      @NotBlank(message = "can't be blank")
          @PlainText.MultiLine
          @Size(max = 20_000, message = PlainText.TOO_LONG)
          String body) {}
}
