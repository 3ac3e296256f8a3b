package dev.conduit.user.api;

/**
 * {@code PUT /api/user} body. Every field is optional: absent (or null) leaves it unchanged; an
 * empty {@code bio} or {@code image} clears it.
 */
public record UpdateUserRequest(Changes user) {
  public record Changes(String email, String username, String password, String bio, String image) {}
}
