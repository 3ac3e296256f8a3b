package dev.conduit.article;

/** What a write needs to know about an article: which row, who wrote it, its current slug. */
public record ArticleKey(long id, long authorId, String slug) {}
