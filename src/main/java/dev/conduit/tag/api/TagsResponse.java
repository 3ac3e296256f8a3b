package dev.conduit.tag.api;

import java.util.List;

/** {@code {"tags": [...]}}. */
public record TagsResponse(List<String> tags) {}
