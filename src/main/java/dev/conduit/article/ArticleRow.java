package dev.conduit.article;

import dev.conduit.profile.api.Profile;
import java.time.Instant;
import java.util.List;

/**
 * An article as one read statement returns it: the row, its author's profile, and the viewer's
 * relation to both (favorited, following), with the favorites count derived from the rows, and its
 * tag names in code point order. {@code body} is null in list rows, which do not carry it.
 */
public record ArticleRow(
    long id,
    String slug,
    String title,
    String description,
    String body,
    Instant createdAt,
    Instant updatedAt,
    long authorId,
    String authorUsername,
    String authorBio,
    String authorImage,
    boolean following,
    boolean favorited,
    long favoritesCount,
    List<String> tags) {

  public Profile author() {
    return new Profile(authorUsername, authorBio, authorImage, following);
  }
}
