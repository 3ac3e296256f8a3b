package dev.conduit.comment.api;

/** {@code POST /api/articles/{slug}/comments} body. */
public record NewCommentRequest(NewComment comment) {
  public record NewComment(String body) {}
}
