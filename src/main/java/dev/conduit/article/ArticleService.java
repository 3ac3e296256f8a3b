package dev.conduit.article;

import dev.conduit.article.api.ArticleResponse;
import dev.conduit.article.api.ArticleView;
import dev.conduit.article.api.ArticlesResponse;
import dev.conduit.article.api.NewArticleRequest;
import dev.conduit.article.api.UpdateArticleRequest;
import dev.conduit.db.Constraints;
import dev.conduit.db.ReadCache;
import dev.conduit.db.StatementNames;
import dev.conduit.web.ApiException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;

/**
 * Articles and favorites: slugs, authorship, and the read model. Requests arrive valid (the rules
 * are on {@code NewArticleRequest} and {@code UpdateArticleRequest}).
 *
 * <p>Every write runs in one {@code jdbi.inTransaction}: an article whose tags fail to save is not
 * created. Every read runs on one handle with a fixed number of statements: the page (or the
 * article) with its tags, and for lists at most one count.
 */
public class ArticleService {
  /** Attempts at a unique slug: a clash after the first means a random suffix collided too. */
  private static final int SLUG_ATTEMPTS = 4;

  private final Jdbi jdbi;

  /** The total of the unfiltered list; its staleness is {@link ReadCache}'s. */
  private final ReadCache<Long> unfilteredCount = new ReadCache<>();

  /** The tags in use (GET /tags), which article writes change. */
  private final ReadCache<?> tagsInUse;

  public ArticleService(Jdbi jdbi, ReadCache<?> tagsInUse) {
    this.jdbi = jdbi;
    this.tagsInUse = tagsInUse;
  }

  // ---- reads ------------------------------------------------------------------------------

  /** The global list, newest first, with the total number of matches. */
  public ArticlesResponse list(ArticleQuery query, long viewer) {
    return jdbi.withHandle(
        h ->
            respond(
                query,
                ArticleSql.page(h, ArticleSql.list(query), query, viewer),
                ArticleSql.isUnfiltered(query)
                    ? () -> unfilteredCount.get(() -> ArticleSql.count(h, query))
                    : () -> ArticleSql.count(h, query)));
  }

  /** Articles by the authors the caller follows, newest first. */
  public ArticlesResponse feed(ArticleQuery window, long viewer) {
    return jdbi.withHandle(
        h ->
            respond(
                window,
                ArticleSql.page(h, ArticleSql.FEED, window, viewer),
                () -> ArticleSql.countFeed(h, viewer)));
  }

  public ArticleResponse get(String slug, long viewer) {
    return jdbi.withHandle(h -> get(h, slug, viewer));
  }

  private static ArticleResponse get(Handle h, String slug, long viewer) {
    return new ArticleResponse(
        ArticleView.of(ArticleSql.bySlug(h, slug, viewer).orElseThrow(ArticleService::notFound)));
  }

  /** The total comes from the page statement when it carried one, else from {@code count}. */
  private static ArticlesResponse respond(
      ArticleQuery q, ArticleSql.Page page, LongSupplier count) {
    List<ArticleView> views = new ArrayList<>(page.rows().size());
    for (ArticleRow row : page.rows()) {
      views.add(ArticleView.of(row));
    }
    // A short, non-empty page (or an empty first page) is the end: the total needs no query.
    int size = views.size();
    boolean lastPage = size < q.limit() && (size > 0 || q.offset() == 0);
    long total = lastPage ? (long) q.offset() + size : page.total().orElseGet(count);
    return new ArticlesResponse(views, total);
  }

  // ---- writes -----------------------------------------------------------------------------

  /** Creates an article by {@code authorId}; the slug comes from the title and is unique. */
  public ArticleResponse create(long authorId, NewArticleRequest request) {
    var in = request.article();
    List<String> tags = cleanTags(in.tagList());
    String title = in.title().strip();
    Instant now = now();
    String slug =
        withUniqueSlug(
            Slugs.base(title),
            null,
            // The only parent an insert needs is its author: gone means the token's user is.
            ApiException::unauthorized,
            (dao, candidate) -> {
              long id = dao.insert(candidate, title, in.description(), in.body(), authorId, now);
              saveTags(dao, id, tags);
            });
    unfilteredCount.invalidate();
    tagsInUse.invalidate();
    return get(slug, authorId);
  }

  /**
   * Changes the given fields; only the author may. A changed title gives a new slug (the old URL
   * then answers 404), unless the new title still maps to the current slug.
   */
  public ArticleResponse update(long callerId, String slug, UpdateArticleRequest request) {
    var in = request.article();
    List<String> tags = in.tagList() == null ? null : cleanTags(in.tagList());

    ArticleKey key = ownedBy(callerId, slug);
    String title = in.title() == null ? null : in.title().strip();
    String base = title == null ? null : Slugs.base(title);
    Instant now = now();
    String newSlug =
        withUniqueSlug(
            base,
            key.slug(),
            // Deleted since ownedBy(): the tag links refer to no article any more.
            ArticleService::notFound,
            (dao, candidate) -> {
              dao.update(key.id(), candidate, title, in.description(), in.body(), now);
              if (tags != null) {
                dao.unlinkTags(key.id());
                saveTags(dao, key.id(), tags);
              }
            });
    if (tags != null) {
      tagsInUse.invalidate();
    }
    return get(newSlug, callerId);
  }

  /** Deletes the article with its comments, favorites and tag links (foreign-key cascades). */
  public void delete(long callerId, String slug) {
    jdbi.useTransaction(
        h -> {
          var dao = h.attach(ArticleDao.class);
          ArticleKey key = dao.findKey(slug).orElseThrow(ArticleService::notFound);
          requireAuthor(key, callerId);
          dao.delete(key.id());
        });
    unfilteredCount.invalidate();
    tagsInUse.invalidate();
  }

  /**
   * Idempotent. The count is derived from the favorites rows at read time, so concurrent favorites
   * cannot lose an update: each is one row insert, serialized by the primary key.
   */
  public ArticleResponse favorite(long callerId, String slug) {
    // One checkout and two statements: the write (by slug, no transaction needed), then the
    // article read that answers it (404 when the slug names no article).
    return jdbi.withHandle(
        h -> {
          Constraints.onForeignKeyViolation(
              () ->
                  StatementNames.name(
                          h.createUpdate(ArticleDao.FAVORITE), ArticleDao.class, "favorite")
                      .bind("userId", callerId)
                      .bind("slug", slug)
                      .bind("now", now())
                      .execute(),
              () -> goneDuringWrite(slug));
          return get(h, slug, callerId);
        });
  }

  public ArticleResponse unfavorite(long callerId, String slug) {
    return jdbi.withHandle(
        h -> {
          StatementNames.name(h.createUpdate(ArticleDao.UNFAVORITE), ArticleDao.class, "unfavorite")
              .bind("userId", callerId)
              .bind("slug", slug)
              .execute();
          return get(h, slug, callerId);
        });
  }

  // ---- helpers ----------------------------------------------------------------------------

  /**
   * A write referring to the article and to the caller hit a foreign key: one of them was deleted
   * after it was read. Which one decides the answer: 404 for the article, 401 for the caller.
   */
  private RuntimeException goneDuringWrite(String slug) {
    boolean articleExists =
        jdbi.withExtension(ArticleDao.class, dao -> dao.findKey(slug)).isPresent();
    return articleExists ? ApiException.unauthorized() : notFound();
  }

  private ArticleKey ownedBy(long callerId, String slug) {
    ArticleKey key =
        jdbi.withExtension(ArticleDao.class, dao -> dao.findKey(slug))
            .orElseThrow(ArticleService::notFound);
    requireAuthor(key, callerId);
    return key;
  }

  private static void requireAuthor(ArticleKey key, long callerId) {
    if (key.authorId() != callerId) {
      throw ApiException.forbidden("article");
    }
  }

  /**
   * Runs {@code write} in one transaction with a slug for {@code base}: the base itself when free
   * (or when {@code current} already belongs to it), else the base with a random suffix. A unique
   * violation means a concurrent writer took the slug between the check and the write; the
   * transaction has rolled back, so we try again with a fresh suffix. A foreign key refusing the
   * write (a row it refers to was deleted meanwhile) throws {@code parentGone}'s error instead.
   * Returns the slug written.
   */
  private String withUniqueSlug(
      String base,
      String current,
      Supplier<ApiException> parentGone,
      BiConsumer<ArticleDao, String> write) {
    Function<String, String> attempt =
        slug ->
            Constraints.onForeignKeyViolation(
                () ->
                    jdbi.inTransaction(
                        h -> {
                          write.accept(h.attach(ArticleDao.class), slug);
                          return slug;
                        }),
                parentGone);
    if (base == null || current != null && Slugs.belongsTo(current, base)) {
      return attempt.apply(current);
    }
    boolean baseFree = !jdbi.withExtension(ArticleDao.class, dao -> dao.slugTaken(base));
    for (int tries = 0; ; tries++) {
      String candidate = tries == 0 && baseFree ? base : Slugs.withSuffix(base);
      try {
        return attempt.apply(candidate);
      } catch (JdbiException e) {
        if (!Constraints.isUniqueViolation(e) || tries + 1 >= SLUG_ATTEMPTS) {
          throw e;
        }
      }
    }
  }

  /** Creates missing tags and links them; names are sorted so concurrent writers lock in order. */
  private static void saveTags(ArticleDao dao, long articleId, List<String> tags) {
    if (!tags.isEmpty()) {
      dao.createTags(tags);
      dao.linkTags(articleId, tags);
    }
  }

  /** Stripped, de-duplicated, sorted tags; null or empty means none. */
  static List<String> cleanTags(List<String> tagList) {
    return tagList == null
        ? List.of()
        : tagList.stream().map(String::strip).distinct().sorted().toList();
  }

  static Instant now() {
    return Instant.now().truncatedTo(ChronoUnit.MILLIS);
  }

  static ApiException notFound() {
    return ApiException.notFound("article");
  }
}
