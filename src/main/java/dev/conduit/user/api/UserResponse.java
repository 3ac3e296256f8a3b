package dev.conduit.user.api;

import dev.conduit.user.User;

/** {@code {"user": {...}}} as the contract shows it; bio and image are null when unset. */
public record UserResponse(Body user) {
  /** toString leaves out the email and the token. */
  public record Body(String email, String token, String username, String bio, String image) {
    @Override
    public String toString() {
      return "Body[email=***, token=***, username=" + username + "]";
    }
  }

  public static UserResponse of(User user, String token) {
    return new UserResponse(
        new Body(user.email(), token, user.username(), user.bio(), user.image()));
  }
}
