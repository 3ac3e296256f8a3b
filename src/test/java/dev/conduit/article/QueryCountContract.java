package dev.conduit.article;

import static dev.conduit.support.Fixtures.addComment;
import static dev.conduit.support.Fixtures.createArticle;
import static org.assertj.core.api.Assertions.assertThat;

import dev.conduit.support.ApiTestBase;
import dev.conduit.support.Http;
import dev.conduit.support.SqlCounter;
import io.dropwizard.testing.ConfigOverride;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The number of SQL statements a read takes does not grow with what it returns (no N+1): a page of
 * 100 articles, with authors, tags, favorite and following state, takes as many statements as a
 * page of 20. Runs on PostgreSQL and on H2.
 */
abstract class QueryCountContract extends ApiTestBase {
  private static final int ARTICLES = 120;

  /**
   * Token versions are cached per user (one look-up per TTL, none after registration); the cache
   * outlives the seeding here, so the counts below are those of the request's own reads.
   */
  @Override
  protected ConfigOverride[] overrides() {
    return new ConfigOverride[] {ConfigOverride.config("auth.tokenVersionCacheTtl", "1h")};
  }

  private SqlCounter counter;
  private String authorName;
  private String fanName;
  private Http viewer;
  private String slug;
  private String fewComments;
  private String manyComments;

  @BeforeAll
  void seed() {
    authorName = unique("prolific");
    var author = http.withToken(app.register(authorName));
    String second = unique("second");
    var secondAuthor = http.withToken(app.register(second));
    fanName = unique("fan");
    app.register(fanName);
    viewer = http.withToken(app.register(unique("viewer")));
    for (int i = 0; i < ARTICLES; i++) {
      var by = i % 2 == 0 ? author : secondAuthor;
      slug =
          createArticle(by, "Counted " + i + " " + unique("c"), "common", "t" + i % 7, "x" + i)
              .get("slug")
              .asText();
    }
    // Every article favorited by the fan and by the viewer; the viewer follows both authors.
    try (Handle h = app.jdbi().open()) {
      h.createUpdate(
              "INSERT INTO favorites (user_id, article_id, created_at)"
                  + " SELECT u.id, a.id, a.created_at FROM users u CROSS JOIN articles a"
                  + " WHERE u.username IN (:fan, :viewer)")
          .bind("fan", fanName)
          .bind("viewer", viewerName())
          .execute();
    }
    viewer.post("/profiles/" + authorName + "/follow", null);
    viewer.post("/profiles/" + second + "/follow", null);

    fewComments = createArticle(author, "Few comments " + unique("c")).get("slug").asText();
    addComment(author, fewComments, "only one");
    manyComments = createArticle(author, "Many comments " + unique("c")).get("slug").asText();
    for (int i = 0; i < 40; i++) {
      addComment(i % 2 == 0 ? author : viewer, manyComments, "comment " + i);
    }
    counter = SqlCounter.install(app.application().jdbi());
  }

  private String viewerName() {
    return viewer.get("/user").json().at("/user/username").asText();
  }

  @AfterAll
  void uninstall() {
    if (counter != null) {
      counter.close();
    }
  }

  /** The statements one request runs, after checking it succeeded with {@code items} items. */
  private List<String> statements(Http client, String path, String array, int items) {
    Http.Reply[] reply = new Http.Reply[1];
    List<String> sql = counter.during(() -> reply[0] = client.get(path));
    assertThat(reply[0].status()).as("%s", reply[0]).isEqualTo(200);
    assertThat(reply[0].json().get(array).size()).as(path).isEqualTo(items);
    return sql;
  }

  @Test
  void listingTakesAtMostTwoStatementsWhateverThePageSize() {
    for (Http client : List.of(http, viewer)) {
      var twenty = statements(client, "/articles?limit=20", "articles", 20);
      var hundred = statements(client, "/articles?limit=100", "articles", 100);
      // the page with its tags, and the total unless a recent count is reused (ReadCache)
      assertThat(hundred).as("page with tags, total count").hasSizeBetween(1, 2);
      assertThat(twenty).hasSizeBetween(1, 2);
    }
  }

  @Test
  void theUnfilteredTotalFollowsWritesAtOnce() {
    var author = http.withToken(app.register(unique("counter")));
    long before = total();
    total(); // a second page in a row may reuse the count: it must still be right after a write
    String created = createArticle(author, "Counted once more " + unique("c")).get("slug").asText();
    assertThat(total()).isEqualTo(before + 1);
    assertThat(author.delete("/articles/" + created).status()).isEqualTo(204);
    assertThat(total()).isEqualTo(before);
  }

  @Test
  void theTagsInUseFollowWritesAtOnce() {
    var author = http.withToken(app.register(unique("tagger")));
    String tag = unique("fresh");
    assertThat(tags()).doesNotContain(tag);
    String created = createArticle(author, "Tagged " + unique("c"), tag).get("slug").asText();
    assertThat(tags()).contains(tag);
    assertThat(author.delete("/articles/" + created).status()).isEqualTo(204);
    assertThat(tags()).doesNotContain(tag);
  }

  private List<String> tags() {
    var reply = http.get("/tags");
    assertThat(reply.status()).isEqualTo(200);
    List<String> names = new java.util.ArrayList<>();
    reply.json().get("tags").forEach(t -> names.add(t.asText()));
    return names;
  }

  private long total() {
    var reply = http.get("/articles?limit=1");
    assertThat(reply.status()).isEqualTo(200);
    return reply.json().get("articlesCount").asLong();
  }

  @Test
  void filteredListsTakeOneStatementWhateverThePageSize() {
    for (String filter :
        List.of(
            "tag=common",
            "author=" + authorName,
            "favorited=" + fanName,
            "tag=common&favorited=" + fanName)) {
      int all = filter.startsWith("author") ? ARTICLES / 2 : ARTICLES;
      var five = statements(viewer, "/articles?limit=5&" + filter, "articles", 5);
      var many = statements(viewer, "/articles?limit=50&" + filter, "articles", Math.min(50, all));
      assertThat(many).as(filter + ": the page, with tags and the total").hasSize(1);
      assertThat(five).as(filter).hasSameSizeAs(many);
    }
  }

  @Test
  void aShortLastPageNeedsNoCountStatement() {
    assertThat(
            statements(
                viewer,
                "/articles?author=" + authorName + "&limit=100",
                "articles",
                ARTICLES / 2 + 2))
        .hasSize(1);
  }

  @Test
  void theFeedTakesOneStatementWhateverThePageSize() {
    var twenty = statements(viewer, "/articles/feed?limit=20", "articles", 20);
    var hundred = statements(viewer, "/articles/feed?limit=100", "articles", 100);
    assertThat(hundred).as("the page, with tags and the total").hasSize(1);
    assertThat(twenty).hasSameSizeAs(hundred);
  }

  @Test
  void oneArticleTakesOneStatement() {
    Http.Reply[] reply = new Http.Reply[1];
    var sql = counter.during(() -> reply[0] = viewer.get("/articles/" + slug));
    assertThat(reply[0].status()).isEqualTo(200);
    assertThat(reply[0].json().at("/article/tagList").size()).isEqualTo(3);
    assertThat(sql).as("article with author, counts and tags").hasSize(1);
  }

  @Test
  void commentsTakeTwoStatementsWhateverTheirNumber() {
    var one = statements(viewer, "/articles/" + fewComments + "/comments", "comments", 1);
    var forty = statements(viewer, "/articles/" + manyComments + "/comments", "comments", 40);
    assertThat(forty).as("the article's id, then the comments with authors").hasSize(2);
    assertThat(one).hasSameSizeAs(forty);
  }

  @Test
  void aFavoriteAndAnUnfavoriteTakeTwoStatementsAndACommentTwo() {
    String fresh = createArticle(viewer, "Favorited once " + unique("f")).get("slug").asText();
    Http.Reply[] reply = new Http.Reply[1];

    var favorite =
        counter.during(() -> reply[0] = viewer.post("/articles/" + fresh + "/favorite", null));
    assertThat(reply[0].json().at("/article/favorited").asBoolean()).as("%s", reply[0]).isTrue();
    assertThat(favorite).as("the write by slug, then the article with its tags").hasSize(2);

    var unfavorite =
        counter.during(() -> reply[0] = viewer.delete("/articles/" + fresh + "/favorite"));
    assertThat(reply[0].json().at("/article/favorited").asBoolean()).as("%s", reply[0]).isFalse();
    assertThat(unfavorite).hasSize(2);

    var comment =
        counter.during(
            () ->
                reply[0] =
                    viewer.post(
                        "/articles/" + fresh + "/comments",
                        Map.of("comment", Map.of("body", "counted"))));
    assertThat(reply[0].json().at("/comment/body").asText())
        .as("%s", reply[0])
        .isEqualTo("counted");
    assertThat(comment).as("the author and the article's id, then the insert").hasSize(2);
  }

  @Test
  void tagsTakeAtMostOneStatementAndProfilesOne() {
    // The tags in use may come from ReadCache (no statement) when read recently.
    assertThat(counter.during(() -> assertThat(http.get("/tags").status()).isEqualTo(200)))
        .hasSizeLessThanOrEqualTo(1);
    assertThat(
            counter.during(
                () -> assertThat(viewer.get("/profiles/" + authorName).status()).isEqualTo(200)))
        .hasSize(1);
  }
}
