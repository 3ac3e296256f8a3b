package dev.conduit.profile.api;

/** {@code {"profile": {...}}}. */
public record ProfileResponse(Profile profile) {}
