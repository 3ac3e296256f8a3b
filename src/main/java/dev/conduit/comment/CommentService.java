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
import org.jdbi.v3.core.Jdbi;

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

  public CommentResponse add(long authorId, String slug, NewCommentRequest request) {
    String body = request.comment().body();
    // The comment is read back in the transaction that wrote it: once committed, a concurrent
    // delete of it (or of its article) could otherwise leave nothing to answer with.
    CommentRow row =
        Constraints.onForeignKeyViolation(
            () ->
                jdbi.inTransaction(
                    h -> {
                      long id =
                          StatementNames.name(
                                  h.createUpdate(CommentDao.INSERT), CommentDao.class, "insert")
                              .bind("body", body)
                              .bind("slug", slug)
                              .bind("authorId", authorId)
                              .bind("now", Instant.now().truncatedTo(ChronoUnit.MILLIS))
                              .executeAndReturnGeneratedKeys("id")
                              .mapTo(Long.class)
                              .findOne()
                              .orElseThrow(CommentService::articleNotFound);
                      return StatementNames.name(
                              h.createQuery(CommentDao.BY_ID), CommentDao.class, "findById")
                          .bind("id", id)
                          .bind("viewer", authorId)
                          .map(CommentDao.ROW_MAPPER)
                          .findOne()
                          .orElseThrow(CommentService::notFound);
                    }),
            () -> goneDuringWrite(slug));
    return new CommentResponse(CommentView.of(row));
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
  private RuntimeException goneDuringWrite(String slug) {
    boolean articleExists =
        jdbi.withExtension(CommentDao.class, dao -> dao.findArticleId(slug)).isPresent();
    return articleExists ? ApiException.unauthorized() : articleNotFound();
  }

  private static ApiException articleNotFound() {
    return ApiException.notFound("article");
  }

  private static ApiException notFound() {
    return ApiException.notFound("comment");
  }
}
