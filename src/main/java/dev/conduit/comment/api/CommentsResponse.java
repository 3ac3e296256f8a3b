package dev.conduit.comment.api;

import java.util.List;

/** {@code {"comments": [...]}}. */
public record CommentsResponse(List<CommentView> comments) {}
