package dev.conduit.article.api;

import java.util.List;

/** {@code {"articles": [...], "articlesCount": n}}; the count is of all matches, not the page. */
public record ArticlesResponse(List<ArticleView> articles, long articlesCount) {}
