package dev.conduit.article;

import java.time.Instant;
import java.util.Collection;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.statement.GetGeneratedKeys;
import org.jdbi.v3.sqlobject.statement.SqlBatch;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * Writes to articles, their tag links and favorites, and the look-ups writes need.
 *
 * <p>The read model (a page of articles with author profile, {@code following}, {@code favorited}
 * and {@code favoritesCount}, then the tags of the whole page in one batch statement) lives in
 * {@link ArticleSql}, on the plain handle API: the hot read path skips SqlObject's per-call set-up.
 */
@RegisterConstructorMapper(ArticleKey.class)
public interface ArticleDao {

  @SqlQuery("SELECT a.id, a.author_id, a.slug FROM articles a WHERE a.slug = :slug")
  Optional<ArticleKey> findKey(String slug);

  @SqlQuery("SELECT count(*) > 0 FROM articles WHERE slug = :slug")
  boolean slugTaken(String slug);

  @SqlUpdate(
      """
      INSERT INTO articles (slug, title, description, body, author_id, created_at, updated_at)
      VALUES (:slug, :title, :description, :body, :authorId, :now, :now)""")
  @GetGeneratedKeys("id")
  long insert(
      String slug, String title, String description, String body, long authorId, Instant now);

  /** Null fields keep their value. */
  @SqlUpdate(
      """
      UPDATE articles
      SET slug = :slug, title = COALESCE(:title, title),
          description = COALESCE(:description, description), body = COALESCE(:body, body),
          updated_at = :now
      WHERE id = :id""")
  void update(long id, String slug, String title, String description, String body, Instant now);

  /** Comments, favorites and tag links go too (ON DELETE CASCADE). */
  @SqlUpdate("DELETE FROM articles WHERE id = :id")
  void delete(long id);

  /** Creates the tags that do not exist yet; concurrent creators of the same tag both succeed. */
  @SqlBatch("INSERT INTO tags (name) VALUES (:name) ON CONFLICT DO NOTHING")
  void createTags(@Bind("name") Collection<String> names);

  @SqlUpdate(
      """
      INSERT INTO article_tags (article_id, tag_id)
      SELECT :articleId, t.id FROM tags t WHERE t.name IN (<names>)""")
  void linkTags(long articleId, @BindList("names") Collection<String> names);

  @SqlUpdate("DELETE FROM article_tags WHERE article_id = :articleId")
  void unlinkTags(long articleId);

  // Favorites run on the plain handle API (ArticleService): attaching this SqlObject per request
  // cost more CPU than the one statement (JFR, issue 9).

  /**
   * Idempotent: the primary key (user_id, article_id) absorbs a repeat. One statement by slug, so a
   * favorite needs no transaction and no look-up first; no row for an unknown slug (the read that
   * answers the request then says 404).
   */
  String FAVORITE =
      """
      INSERT INTO favorites (user_id, article_id, created_at)
      SELECT :userId, a.id, :now FROM articles a WHERE a.slug = :slug
      ON CONFLICT DO NOTHING""";

  String UNFAVORITE =
      """
      DELETE FROM favorites
      WHERE user_id = :userId AND article_id = (SELECT a.id FROM articles a WHERE a.slug = :slug)""";
}
