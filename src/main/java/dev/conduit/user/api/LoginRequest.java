package dev.conduit.user.api;

/** {@code POST /api/users/login} body. */
public record LoginRequest(Credentials user) {
  public record Credentials(String email, String password) {}
}
