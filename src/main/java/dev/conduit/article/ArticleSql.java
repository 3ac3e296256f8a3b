package dev.conduit.article;

import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.mapper.reflect.ConstructorMapper;
import org.jdbi.v3.core.statement.Query;

/**
 * The SQL fragments of the article reads, and the assembly of a filtered list from them. Only these
 * constants ever become SQL text; client values are bound.
 */
final class ArticleSql {
  static final RowMapper<ArticleRow> ROW_MAPPER = ConstructorMapper.of(ArticleRow.class);

  private ArticleSql() {}

  static final String SELECT_ROW =
      """
      SELECT a.id, a.slug, a.title, a.description, %s AS body, a.created_at, a.updated_at,
             u.id AS author_id, u.username AS author_username, u.bio AS author_bio,
             u.image AS author_image,
             EXISTS (SELECT 1 FROM follows fo
                     WHERE fo.follower_id = :viewer AND fo.followee_id = a.author_id) AS following,
             EXISTS (SELECT 1 FROM favorites fv
                     WHERE fv.user_id = :viewer AND fv.article_id = a.id) AS favorited,
             (SELECT count(*) FROM favorites fc WHERE fc.article_id = a.id) AS favorites_count
      FROM articles a JOIN users u ON u.id = a.author_id
      """;

  static final String BY_TAG =
      """
      a.id IN (SELECT at.article_id FROM article_tags at
               WHERE at.tag_id = (SELECT t.id FROM tags t WHERE t.name = :tag))""";
  static final String BY_AUTHOR =
      "a.author_id = (SELECT au.id FROM users au WHERE au.username = :author)";
  static final String BY_FAVORITED =
      """
      a.id IN (SELECT ff.article_id FROM favorites ff
               WHERE ff.user_id = (SELECT fu.id FROM users fu WHERE fu.username = :favorited))""";
  static final String BY_FEED =
      "a.author_id IN (SELECT fe.followee_id FROM follows fe WHERE fe.follower_id = :viewer)";

  /** Newest first; id breaks ties so paging is stable. Matches articles_created_idx. */
  static final String ORDER = " ORDER BY a.created_at DESC, a.id DESC LIMIT :limit OFFSET :offset";

  static String where(ArticleQuery q) {
    List<String> clauses = new ArrayList<>();
    if (q.tag() != null) {
      clauses.add(BY_TAG);
    }
    if (q.author() != null) {
      clauses.add(BY_AUTHOR);
    }
    if (q.favorited() != null) {
      clauses.add(BY_FAVORITED);
    }
    return clauses.isEmpty() ? "" : " WHERE " + String.join(" AND ", clauses);
  }

  static Query bindFilters(Query query, ArticleQuery q) {
    if (q.tag() != null) {
      query.bind("tag", q.tag());
    }
    if (q.author() != null) {
      query.bind("author", q.author());
    }
    if (q.favorited() != null) {
      query.bind("favorited", q.favorited());
    }
    return query;
  }

  static List<ArticleRow> page(Handle handle, String sql, ArticleQuery q, long viewer) {
    return bindFilters(handle.createQuery(sql), q)
        .bind("viewer", viewer)
        .bind("limit", q.limit())
        .bind("offset", q.offset())
        .map(ROW_MAPPER)
        .list();
  }
}
