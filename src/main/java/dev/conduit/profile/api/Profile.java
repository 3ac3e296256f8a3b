package dev.conduit.profile.api;

/**
 * A user as others see them. {@code following} is relative to the caller (false when anonymous);
 * {@code bio} and {@code image} are null when unset, as the contract requires.
 */
public record Profile(String username, String bio, String image, boolean following) {}
