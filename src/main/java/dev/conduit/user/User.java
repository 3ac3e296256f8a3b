package dev.conduit.user;

import java.time.Instant;

/**
 * A row of {@code users}. The password hash never leaves the service, and {@link #toString} leaves
 * out the hash and the email, so that no log line or error report can carry them. {@code
 * tokenVersion} is the generation of the user's tokens: raising it revokes every token issued
 * before.
 */
public record User(
    long id,
    String username,
    String email,
    String passwordHash,
    String bio,
    String image,
    int tokenVersion,
    Instant createdAt,
    Instant updatedAt) {
  @Override
  public String toString() {
    return "User[id=" + id + ", username=" + username + ", email=***, passwordHash=***]";
  }
}
