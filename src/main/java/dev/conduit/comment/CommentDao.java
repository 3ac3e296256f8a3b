package dev.conduit.comment;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.GetGeneratedKeys;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * Comments. {@code viewer} is the caller's id, or 0 when anonymous. The list is one statement
 * whatever its length: author profiles come from a join and {@code following} from a primary-key
 * probe per row, not from a query per comment.
 */
@RegisterConstructorMapper(CommentRow.class)
public interface CommentDao {
  String SELECT =
      """
      SELECT c.id, c.body, c.created_at, c.updated_at,
             u.username AS author_username, u.bio AS author_bio, u.image AS author_image,
             EXISTS (SELECT 1 FROM follows f
                     WHERE f.follower_id = :viewer AND f.followee_id = c.author_id) AS following
      FROM comments c JOIN users u ON u.id = c.author_id
      """;

  @SqlQuery("SELECT id FROM articles WHERE slug = :slug")
  Optional<Long> findArticleId(String slug);

  /** Newest first (comments_article_idx), id breaking ties. */
  @SqlQuery(SELECT + "WHERE c.article_id = :articleId ORDER BY c.created_at DESC, c.id DESC")
  List<CommentRow> findByArticle(long articleId, long viewer);

  @SqlQuery(SELECT + "WHERE c.id = :id")
  Optional<CommentRow> findById(long id, long viewer);

  /** The author of a comment, only if it belongs to the given article. */
  @SqlQuery("SELECT author_id FROM comments WHERE id = :id AND article_id = :articleId")
  Optional<Long> findAuthor(long id, long articleId);

  /**
   * The new comment's id; empty when the slug names no article. One statement by slug: no look-up
   * of the article's id first.
   */
  @SqlUpdate(
      """
      INSERT INTO comments (body, article_id, author_id, created_at, updated_at)
      SELECT :body, a.id, :authorId, :now, :now FROM articles a WHERE a.slug = :slug""")
  @GetGeneratedKeys("id")
  Optional<Long> insert(String body, String slug, long authorId, Instant now);

  @SqlUpdate("DELETE FROM comments WHERE id = :id")
  void delete(long id);
}
