package dev.conduit.user.api;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;

/** {@code POST /api/users} body; a missing {@code user} is one with every field missing. */
public record RegisterRequest(@Valid NewUser user) {
  public RegisterRequest {
    user = user == null ? new NewUser(null, null, null) : user;
  }

  /** toString leaves out the email and the password. */
  public record NewUser(
      @NotBlank(message = "can't be blank") @AccountRules.Username String username,
      @NotBlank(message = "can't be blank") @AccountRules.EmailAddress String email,
      @NotBlank(message = "can't be blank") @AccountRules.Password String password) {
    @Override
    public String toString() {
      return "NewUser[username=" + username + ", email=***, password=***]";
    }
  }
}
