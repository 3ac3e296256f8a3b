package dev.conduit.user.api;

/** {@code POST /api/users} body. */
public record RegisterRequest(NewUser user) {
  public record NewUser(String username, String email, String password) {}
}
