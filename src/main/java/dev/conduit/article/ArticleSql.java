package dev.conduit.article;

import dev.conduit.db.StatementNames;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.IntStream;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.Query;

/**
 * The SQL of the article reads, assembled from fixed fragments. Only these constants ever become
 * SQL text; client values are always bound. Tests run EXPLAIN on exactly these statements.
 *
 * <p>Each fragment is written so PostgreSQL can serve it from an index (see db/changelog): the
 * unfiltered list walks articles_created_idx; author uses articles_author_created_idx; tag uses
 * article_tags_tag_idx; favorited uses favorites_pkey; the feed uses follows_pkey and then
 * articles_author_created_idx per followed author; the per-row sub-queries probe follows_pkey,
 * favorites_pkey, favorites_article_idx and article_tags_pkey (then tags_pkey). The tags come in
 * the row, as an array, rather than from a second statement: one round trip and one statement's
 * JDBC and Jdbi overhead fewer per read, for the same index probes (JFR, issue 9).
 *
 * <p>Pages are limit-first: an inner statement picks the page's article ids (walking the index,
 * skipping OFFSET rows cheaply), and only those rows get the author join and the per-row
 * sub-queries. Written the other way round, PostgreSQL evaluates the sub-queries of every row that
 * OFFSET skips.
 *
 * <p>The reads run on the plain {@link Handle} API with hand-written row mappers rather than
 * through SqlObject: attaching an extension and specialising a reflective constructor mapper per
 * statement cost more CPU than the statements' own execution (JFR, issue 9).
 */
final class ArticleSql {
  /** Reads the columns of {@link #SELECT_ROW} by position, in the order they are written there. */
  static final RowMapper<ArticleRow> ROW_MAPPER =
      (rs, ctx) ->
          new ArticleRow(
              rs.getLong(1),
              rs.getString(2),
              rs.getString(3),
              rs.getString(4),
              rs.getString(5),
              instant(rs, 6),
              instant(rs, 7),
              rs.getLong(8),
              rs.getString(9),
              rs.getString(10),
              rs.getString(11),
              rs.getBoolean(12),
              rs.getBoolean(13),
              rs.getLong(14),
              tags(rs, 15));

  /**
   * Filled with the body column, an optional total column, and the articles to read ({@code a}).
   * {@code :viewer} is the caller's id, or 0 when anonymous (no account has id 0).
   */
  private static final String SELECT_ROW =
      """
      SELECT a.id, a.slug, a.title, a.description, %s AS body, a.created_at, a.updated_at,
             u.id AS author_id, u.username AS author_username, u.bio AS author_bio,
             u.image AS author_image,
             EXISTS (SELECT 1 FROM follows fo
                     WHERE fo.follower_id = :viewer AND fo.followee_id = a.author_id) AS following,
             EXISTS (SELECT 1 FROM favorites fv
                     WHERE fv.user_id = :viewer AND fv.article_id = a.id) AS favorited,
             (SELECT count(*) FROM favorites fc WHERE fc.article_id = a.id) AS favorites_count,
             ARRAY(SELECT t.name FROM article_tags at JOIN tags t ON t.id = at.tag_id
                   WHERE at.article_id = a.id) AS tag_list%s
      FROM %s JOIN users u ON u.id = a.author_id""";

  /**
   * The page's articles, picked by id before anything is joined to them (see the class comment).
   * The ids alone come from the index (an index-only scan), so the rows that OFFSET skips are never
   * read from the table: half of a deep list page's database time when the page statement selected
   * the articles' columns itself (EXPLAIN ANALYZE, offset 1,000, issue 9).
   */
  private static final String PAGE_OF =
      """
      (SELECT a.id FROM articles a%s ORDER BY a.created_at DESC, a.id DESC
       LIMIT :limit OFFSET :offset) page JOIN articles a ON a.id = page.id""";

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
  private static final String ORDER = " ORDER BY a.created_at DESC, a.id DESC";

  /** Lists do not carry the body (the bulk of an article); a single article does. */
  private static final String NO_BODY = "CAST(NULL AS VARCHAR)";

  static final String BY_SLUG =
      SELECT_ROW.formatted("a.body", "", "articles a") + " WHERE a.slug = :slug";
  static final String COUNT_FEED = "SELECT count(*) FROM articles a WHERE " + BY_FEED;
  static final PageSql FEED =
      new PageSql(
          SELECT_ROW.formatted(NO_BODY, total(COUNT_FEED), PAGE_OF.formatted(" WHERE " + BY_FEED))
              + ORDER,
          "feed",
          true);

  /**
   * A page statement, named for its timer, and whether its rows carry the total of matches (in
   * their last column, {@value #TOTAL_COLUMN}).
   */
  record PageSql(String sql, String name, boolean counts) {}

  /** A page of articles and, when its statement carried one, the total of matches. */
  record Page(List<ArticleRow> rows, OptionalLong total) {}

  private static final int TOTAL_COLUMN = 16;

  /** A list query's filters as bits ({@link #filters}): the index of its statement in LISTS. */
  private static final int TAG = 1;

  private static final int AUTHOR = 2;
  private static final int FAVORITED = 4;

  /** The list statement of each combination of filters, built once rather than per request. */
  private static final PageSql[] LISTS =
      IntStream.rangeClosed(0, TAG | AUTHOR | FAVORITED)
          .mapToObj(ArticleSql::list)
          .toArray(PageSql[]::new);

  private ArticleSql() {}

  /**
   * A filtered list counts its matches in the page statement: an uncorrelated sub-query, which
   * PostgreSQL runs once per statement (an InitPlan), saving a statement per page. The unfiltered
   * list takes its total from a cache instead (ArticleService).
   */
  static PageSql list(ArticleQuery q) {
    return LISTS[filters(q)];
  }

  private static PageSql list(int filters) {
    boolean counts = filters != 0;
    return new PageSql(
        SELECT_ROW.formatted(
                NO_BODY, counts ? total(count(filters)) : "", PAGE_OF.formatted(where(filters)))
            + ORDER,
        "list",
        counts);
  }

  private static String total(String countSql) {
    return ",\n       (" + countSql + ") AS total";
  }

  static boolean isUnfiltered(ArticleQuery q) {
    return filters(q) == 0;
  }

  static String count(ArticleQuery q) {
    return count(filters(q));
  }

  private static String count(int filters) {
    return "SELECT count(*) FROM articles a" + where(filters);
  }

  private static int filters(ArticleQuery q) {
    return (q.tag() != null ? TAG : 0)
        | (q.author() != null ? AUTHOR : 0)
        | (q.favorited() != null ? FAVORITED : 0);
  }

  private static String where(int filters) {
    List<String> clauses = new ArrayList<>();
    if ((filters & TAG) != 0) {
      clauses.add(BY_TAG);
    }
    if ((filters & AUTHOR) != 0) {
      clauses.add(BY_AUTHOR);
    }
    if ((filters & FAVORITED) != 0) {
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

  static Optional<ArticleRow> bySlug(Handle handle, String slug, long viewer) {
    return named(handle.createQuery(BY_SLUG), "findBySlug")
        .bind("slug", slug)
        .bind("viewer", viewer)
        .map(ROW_MAPPER)
        .findOne();
  }

  static long count(Handle handle, ArticleQuery q) {
    return bindFilters(named(handle.createQuery(count(q)), "count"), q).mapTo(Long.class).one();
  }

  static long countFeed(Handle handle, long viewer) {
    return named(handle.createQuery(COUNT_FEED), "countFeed")
        .bind("viewer", viewer)
        .mapTo(Long.class)
        .one();
  }

  /** A page of the list or of the feed. */
  static Page page(Handle handle, PageSql statement, ArticleQuery q, long viewer) {
    long[] total = {-1};
    List<ArticleRow> rows =
        bindFilters(named(handle.createQuery(statement.sql()), statement.name()), q)
            .bind("limit", q.limit())
            .bind("offset", q.offset())
            .bind("viewer", viewer)
            .map(
                (rs, ctx) -> {
                  if (statement.counts()) {
                    total[0] = rs.getLong(TOTAL_COLUMN);
                  }
                  return ROW_MAPPER.map(rs, ctx);
                })
            .list();
    return new Page(rows, total[0] < 0 ? OptionalLong.empty() : OptionalLong.of(total[0]));
  }

  /** The timer name the statement had as an ArticleDao method (dashboards keep working). */
  private static Query named(Query query, String statement) {
    return StatementNames.name(query, ArticleDao.class, statement);
  }

  /**
   * The tag names, in code point order: the database's collation may order them otherwise, and the
   * order must not depend on where the data lives.
   */
  private static List<String> tags(ResultSet rs, int column) throws SQLException {
    Array array = rs.getArray(column);
    List<String> names = new ArrayList<>();
    for (Object name : (Object[]) array.getArray()) {
      names.add((String) name);
    }
    array.free();
    names.sort(null);
    return names;
  }

  private static Instant instant(ResultSet rs, int column) throws SQLException {
    Timestamp t = rs.getTimestamp(column);
    return t == null ? null : t.toInstant();
  }
}
