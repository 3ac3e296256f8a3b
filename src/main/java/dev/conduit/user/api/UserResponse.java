package dev.conduit.user.api;

import dev.conduit.user.User;

/** {@code {"user": {...}}} as the contract shows it; bio and image are null when unset. */
public record UserResponse(Body user) {
  public record Body(String email, String token, String username, String bio, String image) {}

  public static UserResponse of(User user, String token) {
    return new UserResponse(
        new Body(user.email(), token, user.username(), user.bio(), user.image()));
  }
}
