package dev.conduit.article;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conduit.comment.CommentDao;
import dev.conduit.profile.FollowDao;
import dev.conduit.support.ApiTestBase;
import dev.conduit.support.TestDatabase;
import dev.conduit.tag.TagDao;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.SqlStatements;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every list, filter and feed query is served by indexes on PostgreSQL: on a seeded database
 * (12,000 articles, 2,000 users, 36,000 tag links, ~50,000 favorites, ~20,000 follows, analysed),
 * EXPLAIN of each read statement the application issues shows no sequential scan of articles,
 * favorites, follows or article_tags.
 *
 * <p>The statements are the application's own: {@link ArticleSql} builds them for every filter
 * combination (limit-first pages: the OFFSET rows are skipped on the index before any join or
 * sub-query), {@link TagDao#IN_USE} is named, and the {@code @SqlQuery} texts of the read DAOs are
 * taken by reflection, so a new DAO query is checked without anyone remembering to add it here.
 */
class QueryPlansPostgresIT extends ApiTestBase {
  private static final int USERS = 2_000;
  private static final int ARTICLES = 12_000;
  private static final Pattern BAD_SCAN =
      Pattern.compile("Seq Scan on (articles|favorites|follows|article_tags)\\b");

  private long viewer;
  private String username;
  private List<Long> pageIds;

  @Override
  protected TestDatabase database() {
    return TestDatabase.postgres();
  }

  @BeforeAll
  void seed() {
    try (Handle h = app.jdbi().open()) {
      h.execute(
          """
          INSERT INTO users (username, email, password_hash, created_at, updated_at)
          SELECT 'seed' || g, 'seed' || g || '@example.com', 'not-a-hash', now(), now()
          FROM generate_series(1, ?) g""",
          USERS);
      h.execute(
          """
          INSERT INTO articles (slug, title, description, body, author_id, created_at, updated_at)
          SELECT 'seeded-' || g, 'Seeded ' || g, 'About ' || g, repeat('text ', 50), u.id,
                 now() - g * interval '1 minute', now() - g * interval '1 minute'
          FROM generate_series(1, ?) g JOIN users u ON u.username = 'seed' || (g % ? + 1)""",
          ARTICLES, USERS);
      h.execute("INSERT INTO tags (name) SELECT 'tag' || g FROM generate_series(0, 299) g");
      h.execute(
          """
          INSERT INTO article_tags (article_id, tag_id)
          SELECT a.id, t.id FROM articles a CROSS JOIN generate_series(0, 2) k
          JOIN tags t ON t.name = 'tag' || ((a.id + k * 100) % 300)""");
      h.execute(
          """
          INSERT INTO favorites (user_id, article_id, created_at)
          SELECT u.id, a.id, now() FROM users u CROSS JOIN generate_series(1, 25) k
          JOIN articles a ON a.slug = 'seeded-' || ((u.id * 37 + k * 101) % ? + 1)
          ON CONFLICT DO NOTHING""",
          ARTICLES);
      h.execute(
          """
          INSERT INTO follows (follower_id, followee_id, created_at)
          SELECT u.id, f.id, now() FROM users u CROSS JOIN generate_series(1, 10) k
          JOIN users f ON f.username = 'seed' || ((u.id + k * 13) % ? + 1)
          WHERE f.id <> u.id
          ON CONFLICT DO NOTHING""",
          USERS);
      h.execute(
          """
          INSERT INTO comments (body, article_id, author_id, created_at, updated_at)
          SELECT 'comment', a.id, a.author_id, now(), now()
          FROM articles a CROSS JOIN generate_series(1, 3) k""");
      h.execute("VACUUM ANALYZE");
      viewer =
          h.createQuery("SELECT id FROM users WHERE username = 'seed7'").mapTo(Long.class).one();
      username = "seed7";
      pageIds =
          h.createQuery("SELECT id FROM articles ORDER BY created_at DESC LIMIT 100")
              .mapTo(Long.class)
              .list();
    }
  }

  @Test
  void theSeedIsAsLargeAsClaimed() {
    try (Handle h = app.jdbi().open()) {
      assertThat(count(h, "articles")).isGreaterThanOrEqualTo(10_000);
      assertThat(count(h, "article_tags")).isEqualTo(3L * ARTICLES);
      assertThat(count(h, "favorites")).isGreaterThan(40_000);
      assertThat(count(h, "follows")).isGreaterThan(15_000);
    }
  }

  @Test
  void everyListFilterAndFeedStatementUsesIndexes() {
    Map<String, String> statements = new LinkedHashMap<>();
    String[] tags = {null, "tag42"};
    String[] authors = {null, "seed3"};
    String[] favorited = {null, "seed5"};
    for (String tag : tags) {
      for (String author : authors) {
        for (String fav : favorited) {
          var q = new ArticleQuery(tag, author, fav, 20, 0);
          statements.put("list " + q, ArticleSql.list(q).sql());
          statements.put("count " + q, ArticleSql.count(q));
        }
      }
    }
    statements.put("feed", ArticleSql.FEED.sql());
    statements.put("feed count", ArticleSql.COUNT_FEED);
    statements.put("article by slug", ArticleSql.BY_SLUG);
    statements.put("tags in use", TagDao.IN_USE);
    for (Class<?> dao : List.of(ArticleDao.class, CommentDao.class, FollowDao.class)) {
      for (Method m : dao.getDeclaredMethods()) {
        SqlQuery query = m.getAnnotation(SqlQuery.class);
        if (query != null) {
          statements.put(dao.getSimpleName() + "." + m.getName(), query.value());
        }
      }
    }

    // Writes, and what a new comment reads first.
    statements.put("ArticleDao.favorite", ArticleDao.FAVORITE);
    statements.put("ArticleDao.unfavorite", ArticleDao.UNFAVORITE);
    statements.put("CommentDao.insert", CommentDao.INSERT);
    statements.put("CommentDao.authorAndArticle", CommentDao.AUTHOR_AND_ARTICLE);

    List<String> failures = new ArrayList<>();
    try (Handle h = app.jdbi().open()) {
      // One set of values for every statement; each binds the names it uses.
      h.getConfig(SqlStatements.class).setUnusedBindingAllowed(true);
      for (var e : statements.entrySet()) {
        for (int offset : new int[] {0, 500}) {
          List<String> plan = explain(h, e.getValue(), offset);
          if (plan.stream().anyMatch(line -> BAD_SCAN.matcher(line).find())) {
            failures.add(e.getKey() + " (offset " + offset + "):\n  " + String.join("\n  ", plan));
          }
        }
      }
    }
    assertThat(failures).as("statements with a sequential scan").isEmpty();
    assertThat(statements).hasSizeGreaterThan(20);
    assertThat(statements)
        .containsKeys(
            "ArticleDao.favorite",
            "ArticleDao.unfavorite",
            "CommentDao.insert",
            "CommentDao.authorAndArticle");
  }

  @Test
  void theCheckWouldCatchASequentialScan() {
    try (Handle h = app.jdbi().open()) {
      h.getConfig(SqlStatements.class).setUnusedBindingAllowed(true);
      var plan = explain(h, "SELECT count(*) FROM articles WHERE body LIKE '%x%'", 0);
      assertThat(plan).anyMatch(line -> BAD_SCAN.matcher(line).find());
    }
  }

  private List<String> explain(Handle h, String sql, int offset) {
    return h.createQuery("EXPLAIN " + sql)
        .bind("viewer", viewer)
        .bind("tag", "tag42")
        .bind("author", "seed3")
        .bind("favorited", "seed5")
        .bind("username", username)
        .bind("slug", "seeded-4242")
        .bind("userId", viewer)
        .bind("authorId", viewer)
        .bind("body", "plan")
        .bind("now", java.time.OffsetDateTime.now())
        .bind("limit", 20)
        .bind("offset", offset)
        .bind("id", pageIds.get(0))
        .bind("articleId", pageIds.get(0))
        .bindList("ids", pageIds)
        .mapTo(String.class)
        .list();
  }

  private static long count(Handle h, String table) {
    return h.createQuery("SELECT count(*) FROM " + table).mapTo(Long.class).one();
  }
}
