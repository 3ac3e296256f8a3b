package dev.conduit.comment.api;

/** {@code {"comment": {...}}}. */
public record CommentResponse(CommentView comment) {}
