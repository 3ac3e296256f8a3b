package dev.conduit.user.api;

import dev.conduit.web.text.PlainText;
import jakarta.validation.Valid;

/** {@code POST /api/users} body. */
public record RegisterRequest(@Valid NewUser user) {
  /** toString leaves out the email and the password. */
  public record NewUser(@PlainText String username, @PlainText String email, String password) {
    @Override
    public String toString() {
      return "NewUser[username=" + username + ", email=***, password=***]";
    }
  }
}
