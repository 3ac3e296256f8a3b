package dev.conduit.user.api;

import dev.conduit.web.text.PlainText;
import jakarta.validation.Valid;

/**
 * {@code PUT /api/user} body. Every field is optional: absent (or null) leaves it unchanged; an
 * empty {@code bio} or {@code image} clears it. The envelope itself is required (422 naming {@code
 * user} without it).
 */
public record UpdateUserRequest(@Valid Changes user) {
  /** toString leaves out the email and the password. */
  public record Changes(
      @PlainText String email,
      @PlainText String username,
      String password,
      @PlainText(multiLine = true) String bio,
      @PlainText String image) {
    @Override
    public String toString() {
      return "Changes[email=***, username="
          + username
          + ", password="
          + (password == null ? "null" : "***")
          + ", bio="
          + bio
          + ", image="
          + image
          + "]";
    }
  }
}
