package dev.conduit.comment;

import dev.conduit.profile.api.Profile;
import java.time.Instant;

/** A comment with its author's profile as seen by the viewer. */
public record CommentRow(
    long id,
    String body,
    Instant createdAt,
    Instant updatedAt,
    String authorUsername,
    String authorBio,
    String authorImage,
    boolean following) {

  public Profile author() {
    return new Profile(authorUsername, authorBio, authorImage, following);
  }
}
