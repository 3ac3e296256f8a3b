package dev.conduit.article.api;

/** {@code {"article": {...}}}. */
public record ArticleResponse(ArticleView article) {}
