package dev.conduit.user.api;

import dev.conduit.web.text.PlainText;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;

/** {@code POST /api/users/login} body; a missing {@code user} is one with both fields missing. */
public record LoginRequest(@Valid Credentials user) {
  public LoginRequest {
    user = user == null ? new Credentials(null, null) : user;
  }

  /** The password is any text (it is only hashed); toString shows neither value. */
  public record Credentials(
      @NotBlank(message = "can't be blank") @PlainText String email,
      @NotBlank(message = "can't be blank") String password) {
    @Override
    public String toString() {
      return "Credentials[email=***, password=***]";
    }
  }
}
