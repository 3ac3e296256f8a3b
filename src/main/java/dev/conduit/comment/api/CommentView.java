package dev.conduit.comment.api;

import dev.conduit.comment.CommentRow;
import dev.conduit.profile.api.Profile;
import java.time.Instant;

/** A comment as the contract shows it. */
public record CommentView(
    long id, Instant createdAt, Instant updatedAt, String body, Profile author) {
  public static CommentView of(CommentRow row) {
    return new CommentView(row.id(), row.createdAt(), row.updatedAt(), row.body(), row.author());
  }
}
