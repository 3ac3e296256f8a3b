package dev.conduit.article;

/** One (article, tag name) pair from the batch tag look-up. */
public record ArticleTag(long articleId, String name) {}
