package dev.conduit.profile;

/** {@code {"profile": {...}}}. */
public record ProfileResponse(Profile profile) {}
