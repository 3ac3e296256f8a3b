package dev.conduit.user.api;

import dev.conduit.web.text.NullOrNotBlank;
import dev.conduit.web.text.PlainText;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * {@code PUT /api/user} body. Every field is optional: absent (or null) leaves it unchanged; an
 * empty {@code bio} or {@code image} clears it. The envelope itself is required (422 naming {@code
 * user} without it).
 */
public record UpdateUserRequest(@NotNull(message = "can't be blank") @Valid Changes user) {
  /** toString leaves out the email and the password. */
  public record Changes(
      @NullOrNotBlank @AccountRules.EmailAddress String email,
      @NullOrNotBlank @AccountRules.Username String username,
      @NullOrNotBlank @AccountRules.Password String password,
      @PlainText.MultiLine @Size(max = 10_000, message = PlainText.TOO_LONG) String bio,
      @PlainText @Size(max = 2048, message = PlainText.TOO_LONG) String image) {
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
