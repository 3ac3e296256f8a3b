package dev.conduit.user.api;

import dev.conduit.web.text.PlainText;
import jakarta.validation.Valid;

/** {@code POST /api/users/login} body. */
public record LoginRequest(@Valid Credentials user) {
  /** The password is any text (it is only hashed); toString shows neither value. */
  public record Credentials(@PlainText String email, String password) {
    @Override
    public String toString() {
      return "Credentials[email=***, password=***]";
    }
  }
}
