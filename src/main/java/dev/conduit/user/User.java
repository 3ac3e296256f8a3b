package dev.conduit.user;

import java.time.Instant;

/** A row of {@code users}. The password hash never leaves the service. */
public record User(
    long id,
    String username,
    String email,
    String passwordHash,
    String bio,
    String image,
    Instant createdAt,
    Instant updatedAt) {}
