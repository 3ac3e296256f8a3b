package dev.conduit.article;

import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.mapper.reflect.ConstructorMapper;
import org.jdbi.v3.core.statement.Query;

/**
 * The SQL of the article reads, assembled from fixed fragments. Only these constants ever become
 * SQL text; client values are always bound. Tests run EXPLAIN on exactly these statements.
 *
 * <p>Each fragment is written so PostgreSQL can serve it from an index (see db/changelog): the
 * unfiltered list walks articles_created_idx; author uses articles_author_created_idx; tag uses
 * article_tags_tag_idx; favorited uses favorites_pkey; the feed uses follows_pkey and then
 * articles_author_created_idx per followed author; the per-row sub-queries probe follows_pkey,
 * favorites_pkey and favorites_article_idx.
 */
final class ArticleSql {
  static final RowMapper<ArticleRow> ROW_MAPPER = ConstructorMapper.of(ArticleRow.class);

  /** {@code :viewer} is the caller's id, or 0 when anonymous (no account has id 0). */
  private static final String SELECT_ROW =
      """
      SELECT a.id, a.slug, a.title, a.description, %s AS body, a.created_at, a.updated_at,
             u.id AS author_id, u.username AS author_username, u.bio AS author_bio,
             u.image AS author_image,
             EXISTS (SELECT 1 FROM follows fo
                     WHERE fo.follower_id = :viewer AND fo.followee_id = a.author_id) AS following,
             EXISTS (SELECT 1 FROM favorites fv
                     WHERE fv.user_id = :viewer AND fv.article_id = a.id) AS favorited,
             (SELECT count(*) FROM favorites fc WHERE fc.article_id = a.id) AS favorites_count
      FROM articles a JOIN users u ON u.id = a.author_id""";

  private static final String BY_TAG =
      """
      a.id IN (SELECT at.article_id FROM article_tags at
               WHERE at.tag_id = (SELECT t.id FROM tags t WHERE t.name = :tag))""";
  private static final String BY_AUTHOR =
      "a.author_id = (SELECT au.id FROM users au WHERE lower(au.username) = lower(:author))";
  private static final String BY_FAVORITED =
      """
      a.id IN (SELECT ff.article_id FROM favorites ff
               WHERE ff.user_id = (SELECT fu.id FROM users fu WHERE lower(fu.username) = lower(:favorited)))""";
  private static final String BY_FEED =
      "a.author_id IN (SELECT fe.followee_id FROM follows fe WHERE fe.follower_id = :viewer)";

  /** Newest first; id breaks ties so paging is stable. The order of articles_created_idx. */
  private static final String PAGE =
      " ORDER BY a.created_at DESC, a.id DESC LIMIT :limit OFFSET :offset";

  /** Lists do not carry the body (the bulk of an article); a single article does. */
  private static final String NO_BODY = "CAST(NULL AS VARCHAR)";

  static final String BY_SLUG = SELECT_ROW.formatted("a.body") + " WHERE a.slug = :slug";
  static final String FEED = SELECT_ROW.formatted(NO_BODY) + " WHERE " + BY_FEED + PAGE;
  static final String COUNT_FEED = "SELECT count(*) FROM articles a WHERE " + BY_FEED;

  /** The tags of many articles in one statement (article_tags_pkey, then tags_pkey). */
  static final String TAGS_OF =
      """
      SELECT at.article_id, t.name
      FROM article_tags at JOIN tags t ON t.id = at.tag_id
      WHERE at.article_id IN (<ids>)""";

  private ArticleSql() {}

  static String list(ArticleQuery q) {
    return SELECT_ROW.formatted(NO_BODY) + where(q) + PAGE;
  }

  static String count(ArticleQuery q) {
    return "SELECT count(*) FROM articles a" + where(q);
  }

  private static String where(ArticleQuery q) {
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

  /** Binds the filters a list or count statement uses (never more: Jdbi refuses extras). */
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

  static List<ArticleRow> rows(Handle handle, String sql, ArticleQuery q, long viewer) {
    return bindFilters(handle.createQuery(sql), q)
        .bind("limit", q.limit())
        .bind("offset", q.offset())
        .bind("viewer", viewer)
        .map(ROW_MAPPER)
        .list();
  }
}
