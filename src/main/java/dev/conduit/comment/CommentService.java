package dev.conduit.comment;

import dev.conduit.comment.api.CommentResponse;
import dev.conduit.comment.api.CommentView;
import dev.conduit.comment.api.CommentsResponse;
import dev.conduit.comment.api.NewCommentRequest;
import dev.conduit.db.Constraints;
import dev.conduit.db.StatementNames;
import dev.conduit.web.ApiException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;

/** Comments on articles: anyone may read, a signed-in user may write, only the author deletes. */
public class CommentService {
  private final Jdbi jdbi;

  public CommentService(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  /** Two statements whatever the number of comments: the article's id, then the comments. */
  public CommentsResponse list(String slug, long viewer) {
    return jdbi.withExtension(
        CommentDao.class,
        dao -> {
          long articleId = dao.findArticleId(slug).orElseThrow(CommentService::articleNotFound);
          return new CommentsResponse(
              dao.findByArticle(articleId, viewer).stream().map(CommentView::of).toList());
        });
  }

  /**
   * Two statements and no transaction: the author's profile with the article's id, then the insert
   * (autocommit). The answer is built from what was read and written, so nothing has to be read
   * back; an article or account deleted in between makes the insert's foreign key refuse it.
   */
  public CommentResponse add(long authorId, String slug, NewCommentRequest request) {
    String body = request.comment().body();
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    CommentRow row =
        jdbi.withHandle(
            h -> {
              Author author =
                  StatementNames.name(
                          h.createQuery(CommentDao.AUTHOR_AND_ARTICLE),
                          CommentDao.class,
                          "findAuthorAndArticle")
                      .bind("authorId", authorId)
                      .bind("slug", slug)
                      .map(Author.MAPPER)
                      .findOne()
                      .orElseThrow(ApiException::unauthorized);
              if (author.articleId() == null) {
                throw articleNotFound();
              }
              long id =
                  Constraints.onForeignKeyViolation(
                      () ->
                          StatementNames.name(
                                  h.createUpdate(CommentDao.INSERT), CommentDao.class, "insert")
                              .bind("body", body)
                              .bind("articleId", author.articleId())
                              .bind("authorId", authorId)
                              .bind("now", now)
                              .executeAndReturnGeneratedKeys("id")
                              .mapTo(Long.class)
                              .one(),
                      () -> goneDuringWrite(h, slug));
              return new CommentRow(
                  id,
                  body,
                  now,
                  now,
                  author.username(),
                  author.bio(),
                  author.image(),
                  author.following());
            });
    return new CommentResponse(CommentView.of(row));
  }

  /** A comment's author as they see themselves, and the article's id (null: no such slug). */
  private record Author(
      String username, String bio, String image, boolean following, Long articleId) {
    static final RowMapper<Author> MAPPER =
        (rs, ctx) ->
            new Author(
                rs.getString(1),
                rs.getString(2),
                rs.getString(3),
                rs.getBoolean(4),
                rs.getObject(5, Long.class));
  }

  /**
   * Deletes a comment if the caller wrote it: 404 when the article or the comment does not exist,
   * or when the comment belongs to another article; 403 when someone else wrote it.
   */
  public void delete(long callerId, String slug, String rawId) {
    long id = parseId(rawId);
    jdbi.useTransaction(
        h -> {
          var dao = h.attach(CommentDao.class);
          long articleId = dao.findArticleId(slug).orElseThrow(CommentService::articleNotFound);
          long authorId = dao.findAuthor(id, articleId).orElseThrow(CommentService::notFound);
          if (authorId != callerId) {
            throw ApiException.forbidden("comment");
          }
          dao.delete(id);
        });
  }

  /** Ids are positive integers; anything else names no comment (404, not a 500 or 400). */
  private static long parseId(String raw) {
    try {
      long id = Long.parseLong(raw);
      if (id > 0) {
        return id;
      }
    } catch (NumberFormatException e) {
      // falls through to 404
    }
    throw notFound();
  }

  /** The article or the author was deleted between the look-up and the insert: 404 or 401. */
  private static RuntimeException goneDuringWrite(Handle h, String slug) {
    boolean articleExists = h.attach(CommentDao.class).findArticleId(slug).isPresent();
    return articleExists ? ApiException.unauthorized() : articleNotFound();
  }

  private static ApiException articleNotFound() {
    return ApiException.notFound("article");
  }

  private static ApiException notFound() {
    return ApiException.notFound("comment");
  }
}
