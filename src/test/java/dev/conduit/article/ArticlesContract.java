package dev.conduit.article;

import static dev.conduit.support.Fixtures.TIMESTAMP;
import static dev.conduit.support.Fixtures.article;
import static dev.conduit.support.Fixtures.createArticle;
import static dev.conduit.support.Fixtures.error;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.conduit.support.ApiTestBase;
import dev.conduit.support.Fixtures;
import dev.conduit.support.Http;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Articles, favorites and tags per the contract; runs on PostgreSQL and on H2 (see the subclasses).
 * One application and database per class, so each test uses its own users, titles and tags.
 */
abstract class ArticlesContract extends ApiTestBase {
  private static final String SLUG = "[a-z0-9]+(-[a-z0-9]+)*";

  private String authorName;
  private Http author;
  private Http other;

  @BeforeAll
  void users() {
    authorName = unique("author");
    author = http.withToken(app.register(authorName));
    other = http.withToken(app.register(unique("other")));
  }

  private String title(String words) {
    return words + " " + unique("t");
  }

  // ---- create -------------------------------------------------------------------------------

  @Test
  void creatingReturns201WithTheWholeArticle() {
    String title = "How to train your dragon " + unique("n");
    var reply =
        author.post(
            "/articles",
            article(title, "Ever wonder how?", "Very carefully.", List.of("training", "dragons")));

    assertThat(reply.status()).isEqualTo(201);
    JsonNode a = reply.json().get("article");
    assertThat(a.get("slug").asText()).startsWith("how-to-train-your-dragon-").matches(SLUG);
    assertThat(a.get("title").asText()).isEqualTo(title);
    assertThat(a.get("description").asText()).isEqualTo("Ever wonder how?");
    assertThat(a.get("body").asText()).isEqualTo("Very carefully.");
    assertThat(texts(a.get("tagList"))).containsExactly("dragons", "training");
    assertThat(a.get("createdAt").asText()).matches(TIMESTAMP);
    assertThat(a.get("updatedAt").asText()).isEqualTo(a.get("createdAt").asText());
    assertThat(a.get("favorited").asBoolean()).isFalse();
    assertThat(a.get("favoritesCount").isIntegralNumber()).isTrue();
    assertThat(a.get("favoritesCount").asInt()).isZero();
    JsonNode by = a.get("author");
    assertThat(by.get("username").asText()).isEqualTo(authorName);
    assertThat(by.get("bio").isNull()).isTrue();
    assertThat(by.get("image").isNull()).isTrue();
    assertThat(by.get("following").asBoolean()).isFalse();

    var fetched = http.get("/articles/" + a.get("slug").asText());
    assertThat(fetched.status()).isEqualTo(200);
    assertThat(fetched.json().get("article")).isEqualTo(a);
  }

  @Test
  void missingFieldsAreNamedEach() {
    for (Object body : List.of(Map.of(), Map.of("article", Map.of()), "{\"article\":null}")) {
      var reply = author.post("/articles", body);
      assertThat(reply.status()).as("%s", body).isEqualTo(422);
      assertThat(error(reply, "title")).isEqualTo("can't be blank");
      assertThat(error(reply, "description")).isEqualTo("can't be blank");
      assertThat(error(reply, "body")).isEqualTo("can't be blank");
    }
    var blank = author.post("/articles", article(" ", "d", "", null));
    assertThat(blank.status()).isEqualTo(422);
    assertThat(blank.json().get("errors").fieldNames()).toIterable().containsOnly("title", "body");
  }

  @Test
  void badTagListsAndOverlongFieldsAre422() {
    var nullTag =
        author.post(
            "/articles",
            "{\"article\":{\"title\":\"t\",\"description\":\"d\","
                + "\"body\":\"b\",\"tagList\":[\"ok\",null]}}");
    assertThat(nullTag.status()).isEqualTo(422);
    assertThat(error(nullTag, "tagList")).isNotBlank();

    var wrongType =
        author.post(
            "/articles",
            "{\"article\":{\"title\":\"t\",\"description\":"
                + "\"d\",\"body\":\"b\",\"tagList\":\"dragons\"}}");
    assertThat(wrongType.status()).isEqualTo(422);

    var longTitle = author.post("/articles", article("x".repeat(256), "d", "b", null));
    assertThat(longTitle.status()).isEqualTo(422);
    assertThat(error(longTitle, "title")).contains("too long");
  }

  @Test
  void emptyOrMissingTagListIsFineAndDuplicatesAreStoredOnce() {
    var none = createArticle(author, title("No tags"));
    assertThat(none.get("tagList").size()).isZero();
    var missing = author.post("/articles", article(title("Missing tags"), "d", "b", null));
    assertThat(missing.status()).isEqualTo(201);
    assertThat(missing.json().at("/article/tagList").size()).isZero();

    String tag = unique("dup");
    var dup = createArticle(author, title("Dups"), tag, "zeta", tag, " " + tag + " ", "alpha");
    assertThat(texts(dup.get("tagList"))).containsExactly("alpha", tag, "zeta");
    try (Handle h = app.jdbi().open()) {
      assertThat(
              h.createQuery(
                      "SELECT count(*) FROM article_tags at JOIN articles a ON a.id = at.article_id"
                          + " WHERE a.slug = :slug")
                  .bind("slug", dup.get("slug").asText())
                  .mapTo(Integer.class)
                  .one())
          .isEqualTo(3);
      assertThat(
              h.createQuery("SELECT count(*) FROM tags WHERE name = :n")
                  .bind("n", tag)
                  .mapTo(Integer.class)
                  .one())
          .isEqualTo(1);
    }
  }

  @Test
  void sameTitleGivesDistinctUrlSafeSlugs() {
    String title = title("Same title");
    String first = createArticle(author, title).get("slug").asText();
    String second = createArticle(other, title).get("slug").asText();
    String third = createArticle(author, title).get("slug").asText();

    assertThat(List.of(first, second, third))
        .doesNotHaveDuplicates()
        .allMatch(s -> s.matches(SLUG));
    assertThat(second).startsWith(first + "-");
    for (String slug : List.of(first, second, third)) {
      assertThat(http.get("/articles/" + slug).json().at("/article/title").asText())
          .isEqualTo(title);
    }
  }

  @ParameterizedTest
  @CsvSource({"Привет мир", "你好，世界", "Crème brûlée für Ärzte", "🙂 emoji 🙂"})
  void nonAsciiTitlesGiveUsableSlugs(String words) {
    String title = words + " " + unique("");
    var created = createArticle(author, title);
    String slug = created.get("slug").asText();

    assertThat(slug).matches(SLUG);
    var fetched = http.get("/articles/" + slug);
    assertThat(fetched.status()).isEqualTo(200);
    assertThat(fetched.json().at("/article/title").asText()).isEqualTo(title);
  }

  @Test
  void accentedLatinIsFoldedIntoTheSlug() {
    String slug = createArticle(author, "Crème brûlée " + unique("c")).get("slug").asText();
    assertThat(slug).startsWith("creme-brulee-");
  }

  // ---- read, update, delete ------------------------------------------------------------------

  @Test
  void unknownSlugIs404EverywhereWithAnErrorBody() {
    String slug = "no-such-article-" + unique("s");
    var get = http.get("/articles/" + slug);
    assertThat(get.status()).isEqualTo(404);
    assertThat(error(get, "article")).isEqualTo("not found");
    assertThat(author.put("/articles/" + slug, article("x", null, null, null)).status())
        .isEqualTo(404);
    assertThat(author.delete("/articles/" + slug).status()).isEqualTo(404);
    assertThat(author.post("/articles/" + slug + "/favorite", null).status()).isEqualTo(404);
    assertThat(author.delete("/articles/" + slug + "/favorite").status()).isEqualTo(404);
  }

  @Test
  void updateChangesOnlyTheGivenFieldsAndKeepsTheSlugWithoutANewTitle() throws Exception {
    var created = createArticle(author, title("Update me"), "keep");
    String slug = created.get("slug").asText();
    // The update happens on a later millisecond than the creation, so "newer" is observable.
    Instant stored = Instant.parse(created.get("updatedAt").asText());
    await().atMost(Duration.ofSeconds(5)).until(() -> Instant.now().isAfter(stored));

    var reply = author.put("/articles/" + slug, article(null, null, "With two hands", null));

    assertThat(reply.status()).isEqualTo(200);
    var a = reply.json().get("article");
    assertThat(a.get("slug").asText()).isEqualTo(slug);
    assertThat(a.get("body").asText()).isEqualTo("With two hands");
    assertThat(a.get("title").asText()).isEqualTo(created.get("title").asText());
    assertThat(a.get("description").asText()).isEqualTo(created.get("description").asText());
    assertThat(texts(a.get("tagList"))).containsExactly("keep");
    assertThat(a.get("createdAt").asText()).isEqualTo(created.get("createdAt").asText());
    assertThat(Instant.parse(a.get("updatedAt").asText()))
        .isAfter(Instant.parse(created.get("updatedAt").asText()));
  }

  @Test
  void aNewTitleGivesANewSlugAndTheOldOneIsGone() {
    String slug = createArticle(author, title("Old title")).get("slug").asText();
    String newTitle = title("Brand new title");

    var reply = author.put("/articles/" + slug, article(newTitle, null, null, null));

    assertThat(reply.status()).isEqualTo(200);
    String newSlug = reply.json().at("/article/slug").asText();
    assertThat(newSlug).startsWith("brand-new-title-").isNotEqualTo(slug);
    assertThat(http.get("/articles/" + newSlug).json().at("/article/title").asText())
        .isEqualTo(newTitle);
    assertThat(http.get("/articles/" + slug).status()).isEqualTo(404);

    // Same words in another case: the slug is already right and stays.
    var recased =
        author.put("/articles/" + newSlug, article(newTitle.toUpperCase(), null, null, null));
    assertThat(recased.json().at("/article/slug").asText()).isEqualTo(newSlug);
  }

  @Test
  void updateMayReplaceTheTags() {
    String slug = createArticle(author, title("Retag"), "old1", "old2").get("slug").asText();
    var reply =
        author.put("/articles/" + slug, Map.of("article", Map.of("tagList", List.of("new", "b"))));
    assertThat(texts(reply.json().at("/article/tagList"))).containsExactly("b", "new");
  }

  @Test
  void blankValuesOnUpdateAre422AndChangeNothing() {
    var created = createArticle(author, title("Blank update"));
    String slug = created.get("slug").asText();
    var reply = author.put("/articles/" + slug, article(" ", "", null, null));
    assertThat(reply.status()).isEqualTo(422);
    assertThat(reply.json().get("errors").fieldNames())
        .toIterable()
        .containsOnly("title", "description");
    assertThat(http.get("/articles/" + slug).json().get("article")).isEqualTo(created);
  }

  @Test
  void onlyTheAuthorMayUpdateOrDelete() {
    var created = createArticle(author, title("Mine"));
    String slug = created.get("slug").asText();

    var put = other.put("/articles/" + slug, article("Hijacked", null, null, null));
    assertThat(put.status()).isEqualTo(403);
    assertThat(error(put, "article")).isNotBlank();
    var delete = other.delete("/articles/" + slug);
    assertThat(delete.status()).isEqualTo(403);

    assertThat(http.get("/articles/" + slug).json().get("article")).isEqualTo(created);
  }

  @Test
  void writesNeedAToken() {
    String slug = createArticle(author, title("Auth")).get("slug").asText();
    List<Http.Reply> replies =
        List.of(
            http.post("/articles", article("t", "d", "b", null)),
            http.put("/articles/" + slug, article("t", null, null, null)),
            http.delete("/articles/" + slug),
            http.post("/articles/" + slug + "/favorite", null),
            http.delete("/articles/" + slug + "/favorite"),
            http.get("/articles/feed"),
            http.withToken("garbage").post("/articles", article("t", "d", "b", null)));
    for (var reply : replies) {
      assertThat(reply.status()).as("%s", reply).isEqualTo(401);
      assertThat(error(reply, "token")).isNotBlank();
    }
    assertThat(http.get("/articles/" + slug).status()).isEqualTo(200);
  }

  @Test
  void deletingRemovesTheArticleWithItsCommentsFavoritesAndTagLinks() {
    var created = createArticle(author, title("Doomed"), unique("doomed"));
    String slug = created.get("slug").asText();
    Fixtures.addComment(other, slug, "first!");
    assertThat(other.post("/articles/" + slug + "/favorite", null).status()).isEqualTo(200);
    long id;
    try (Handle h = app.jdbi().open()) {
      id =
          h.createQuery("SELECT id FROM articles WHERE slug = :s")
              .bind("s", slug)
              .mapTo(Long.class)
              .one();
    }

    var reply = author.delete("/articles/" + slug);

    assertThat(reply.status()).isEqualTo(204);
    assertThat(http.get("/articles/" + slug).status()).isEqualTo(404);
    try (Handle h = app.jdbi().open()) {
      for (String table : List.of("comments", "favorites", "article_tags")) {
        assertThat(
                h.createQuery("SELECT count(*) FROM " + table + " WHERE article_id = :id")
                    .bind("id", id)
                    .mapTo(Integer.class)
                    .one())
            .as(table)
            .isZero();
      }
    }
    assertThat(author.delete("/articles/" + slug).status()).isEqualTo(404);
  }

  @Test
  void anArticleWhoseTagsFailToSaveIsNotCreated() {
    String title = title("Atomic");
    String poison = "poison" + unique("");
    // A constraint the application does not know about makes the tag insert fail mid-write.
    try (Handle h = app.jdbi().open()) {
      h.execute("ALTER TABLE tags ADD CONSTRAINT it_no_poison CHECK (name <> '" + poison + "')");
    }
    try {
      var reply = author.post("/articles", article(title, "d", "b", List.of("fine", poison)));
      assertThat(reply.status()).isEqualTo(500);
      assertThat(error(reply, "server")).isEqualTo("internal error");
      assertThat(reply.body()).doesNotContainIgnoringCase("constraint").doesNotContain("SQL");
    } finally {
      try (Handle h = app.jdbi().open()) {
        h.execute("ALTER TABLE tags DROP CONSTRAINT it_no_poison");
      }
    }
    try (Handle h = app.jdbi().open()) {
      assertThat(
              h.createQuery("SELECT count(*) FROM articles WHERE title = :t")
                  .bind("t", title)
                  .mapTo(Integer.class)
                  .one())
          .isZero();
    }
  }

  // ---- lists and feed ------------------------------------------------------------------------

  @Test
  void theListIsNewestFirstWithTheTotalCountAndPages() {
    String tag = unique("page");
    List<String> slugs = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      slugs.add(0, createArticle(author, title("Paged " + i), tag).get("slug").asText());
    }

    var all = http.get("/articles?tag=" + tag);
    assertThat(all.status()).isEqualTo(200);
    assertThat(all.json().get("articlesCount").asInt()).isEqualTo(5);
    assertThat(slugsOf(all)).containsExactlyElementsOf(slugs);
    JsonNode item = all.json().at("/articles/0");
    assertThat(item.has("body")).as("list items carry no body").isFalse();
    assertThat(item.get("createdAt").asText()).matches(TIMESTAMP);
    assertThat(item.get("author").get("username").asText()).isEqualTo(authorName);

    var page = http.get("/articles?tag=" + tag + "&limit=2&offset=1");
    assertThat(page.json().get("articlesCount").asInt()).isEqualTo(5);
    assertThat(slugsOf(page)).containsExactlyElementsOf(slugs.subList(1, 3));
    var beyond = http.get("/articles?tag=" + tag + "&limit=2&offset=10");
    assertThat(beyond.json().get("articlesCount").asInt()).isEqualTo(5);
    assertThat(beyond.json().get("articles").size()).isZero();

    var global = http.get("/articles?limit=3");
    assertThat(global.json().get("articles").size()).isEqualTo(3);
    assertThat(global.json().get("articlesCount").asInt()).isGreaterThanOrEqualTo(5);
  }

  @Test
  void filtersByTagAuthorAndFavoritedAloneAndTogether() {
    String writerName = unique("writer");
    var writer = http.withToken(app.register(writerName));
    String fanName = unique("fan");
    var fan = http.withToken(app.register(fanName));
    String tag = unique("filter");
    String a1 = createArticle(writer, title("W1"), tag).get("slug").asText();
    String a2 = createArticle(writer, title("W2")).get("slug").asText();
    String a3 = createArticle(author, title("A3"), tag).get("slug").asText();
    fan.post("/articles/" + a1 + "/favorite", null);
    fan.post("/articles/" + a3 + "/favorite", null);

    assertThat(slugsOf(http.get("/articles?tag=" + tag))).containsExactly(a3, a1);
    assertThat(slugsOf(http.get("/articles?author=" + writerName))).containsExactly(a2, a1);
    assertThat(slugsOf(http.get("/articles?favorited=" + fanName))).containsExactly(a3, a1);
    assertThat(slugsOf(http.get("/articles?tag=" + tag + "&author=" + writerName)))
        .containsExactly(a1);
    assertThat(slugsOf(http.get("/articles?favorited=" + fanName + "&author=" + authorName)))
        .containsExactly(a3);
    var none = http.get("/articles?author=nobody-" + unique("n"));
    assertThat(none.status()).isEqualTo(200);
    assertThat(none.json().get("articlesCount").asInt()).isZero();
    assertThat(http.get("/articles?tag=no-such-tag-" + unique("n")).json().get("articles").size())
        .isZero();
    assertThat(
            http.get("/articles?favorited=nobody-" + unique("n"))
                .json()
                .get("articlesCount")
                .asInt())
        .isZero();

    var asFan = fan.get("/articles?favorited=" + fanName).json().get("articles");
    assertThat(asFan.get(0).get("favorited").asBoolean()).isTrue();
    assertThat(asFan.get(0).get("favoritesCount").asInt()).isEqualTo(1);
    assertThat(
            http.get("/articles?favorited=" + fanName)
                .json()
                .at("/articles/0/favorited")
                .asBoolean())
        .isFalse();
  }

  @ParameterizedTest
  @CsvSource({
    "limit=-1, limit",
    "limit=0, limit",
    "limit=abc, limit",
    "limit=101, limit",
    "limit=1e3, limit",
    "offset=-1, offset",
    "offset=x, offset",
    "offset=99999999999, offset",
  })
  void badPageWindowIs422NamingTheParameter(String query, String parameter) {
    for (var reply :
        List.of(http.get("/articles?" + query), author.get("/articles/feed?" + query))) {
      assertThat(reply.status()).as("%s", reply).isEqualTo(422);
      assertThat(reply.json().get("errors").fieldNames()).toIterable().containsExactly(parameter);
    }
  }

  @Test
  void limitDefaultsToTwentyAndAcceptsOneHundred() {
    for (int i = 0; i < 21; i++) {
      author.post("/articles", article(title("Bulk " + i), "d", "b", null));
    }
    assertThat(http.get("/articles").json().get("articles").size()).isEqualTo(20);
    assertThat(http.get("/articles?limit=100").json().get("articles").size())
        .isGreaterThan(20)
        .isLessThanOrEqualTo(100);
  }

  @Test
  void theFeedHoldsArticlesOfFollowedAuthorsOnly() {
    String starName = unique("star");
    var star = http.withToken(app.register(starName));
    var reader = http.withToken(app.register(unique("reader")));
    var empty = reader.get("/articles/feed");
    assertThat(empty.status()).isEqualTo(200);
    assertThat(empty.json().get("articlesCount").asInt()).isZero();
    assertThat(empty.json().get("articles").size()).isZero();

    String s1 = createArticle(star, title("Star 1")).get("slug").asText();
    createArticle(other, title("Not followed"));
    String s2 = createArticle(star, title("Star 2")).get("slug").asText();
    assertThat(reader.post("/profiles/" + starName + "/follow", null).status()).isEqualTo(200);

    var feed = reader.get("/articles/feed");
    assertThat(feed.json().get("articlesCount").asInt()).isEqualTo(2);
    assertThat(slugsOf(feed)).containsExactly(s2, s1);
    assertThat(feed.json().at("/articles/0/author/following").asBoolean()).isTrue();
    assertThat(slugsOf(reader.get("/articles/feed?limit=1&offset=1"))).containsExactly(s1);
    // articlesCount is the whole feed, on a full page and past the end alike.
    assertThat(reader.get("/articles/feed?limit=1").json().get("articlesCount").asInt())
        .isEqualTo(2);
    var pastTheEnd = reader.get("/articles/feed?limit=1&offset=5").json();
    assertThat(pastTheEnd.get("articles").size()).isZero();
    assertThat(pastTheEnd.get("articlesCount").asInt()).isEqualTo(2);
    // The same article seen by the follower and by an anonymous reader.
    assertThat(reader.get("/articles/" + s1).json().at("/article/author/following").asBoolean())
        .isTrue();
    assertThat(http.get("/articles/" + s1).json().at("/article/author/following").asBoolean())
        .isFalse();

    reader.delete("/profiles/" + starName + "/follow");
    assertThat(reader.get("/articles/feed").json().get("articlesCount").asInt()).isZero();
  }

  // ---- favorites -----------------------------------------------------------------------------

  @Test
  void favoritingIsIdempotentAndCountsAreExact() {
    String slug = createArticle(author, title("Fav")).get("slug").asText();

    var first = other.post("/articles/" + slug + "/favorite", null);
    assertThat(first.status()).isEqualTo(200);
    assertThat(first.json().at("/article/favorited").asBoolean()).isTrue();
    assertThat(first.json().at("/article/favoritesCount").asInt()).isEqualTo(1);
    assertThat(first.json().at("/article/body").asText()).isNotEmpty();
    var again = other.post("/articles/" + slug + "/favorite", null);
    assertThat(again.json().at("/article/favoritesCount").asInt()).isEqualTo(1);

    var byAuthor = author.post("/articles/" + slug + "/favorite", null);
    assertThat(byAuthor.json().at("/article/favoritesCount").asInt()).isEqualTo(2);
    assertThat(other.get("/articles/" + slug).json().at("/article/favorited").asBoolean()).isTrue();
    assertThat(http.get("/articles/" + slug).json().at("/article/favorited").asBoolean()).isFalse();

    var removed = other.delete("/articles/" + slug + "/favorite");
    assertThat(removed.status()).isEqualTo(200);
    assertThat(removed.json().at("/article/favorited").asBoolean()).isFalse();
    assertThat(removed.json().at("/article/favoritesCount").asInt()).isEqualTo(1);
    var removedAgain = other.delete("/articles/" + slug + "/favorite");
    assertThat(removedAgain.status()).isEqualTo(200);
    assertThat(removedAgain.json().at("/article/favoritesCount").asInt()).isEqualTo(1);
  }

  @Test
  void concurrentFavoritesAreAllCounted() throws Exception {
    String slug = createArticle(author, title("Popular")).get("slug").asText();
    int users = 24;
    List<Http> fans = new ArrayList<>();
    for (int i = 0; i < users; i++) {
      fans.add(http.withToken(app.register(unique("crowd"))));
    }

    // Everyone favorites at once (twice each, to mix repeats in), then half take it back at once.
    List<Integer> statuses = runAll(fans, f -> f.post("/articles/" + slug + "/favorite", null), 2);
    assertThat(statuses).containsOnly(200);
    assertThat(http.get("/articles/" + slug).json().at("/article/favoritesCount").asInt())
        .isEqualTo(users);

    statuses =
        runAll(fans.subList(0, users / 2), f -> f.delete("/articles/" + slug + "/favorite"), 1);
    assertThat(statuses).containsOnly(200);
    assertThat(http.get("/articles/" + slug).json().at("/article/favoritesCount").asInt())
        .isEqualTo(users - users / 2);
    try (Handle h = app.jdbi().open()) {
      assertThat(
              h.createQuery(
                      "SELECT count(*) FROM favorites f JOIN articles a ON a.id = f.article_id"
                          + " WHERE a.slug = :s")
                  .bind("s", slug)
                  .mapTo(Integer.class)
                  .one())
          .isEqualTo(users - users / 2);
    }
  }

  @Test
  void concurrentCreatesWithTheSameTitleAndTagsAllSucceed() throws Exception {
    String title = title("Race");
    String tag = unique("race");
    List<Http> writers = List.of(author, other, author, other, author, other, author, other);
    List<Integer> statuses =
        runAll(
            writers,
            w -> w.post("/articles", article(title, "d", "b", List.of(tag, "shared-" + tag))),
            1);
    assertThat(statuses).containsOnly(201);
    var list = http.get("/articles?tag=" + tag + "&limit=100");
    assertThat(list.json().get("articlesCount").asInt()).isEqualTo(writers.size());
    assertThat(slugsOf(list)).doesNotHaveDuplicates();
  }

  // ---- tags ----------------------------------------------------------------------------------

  @Test
  void tagsListsTheTagsInUseAlphabetically() {
    String z = "zz" + unique("tag");
    String a = "aa" + unique("tag");
    createArticle(author, title("Tagged"), z, a);

    var reply = http.get("/tags");

    assertThat(reply.status()).isEqualTo(200);
    List<String> tags = texts(reply.json().get("tags"));
    assertThat(tags).contains(a, z).isSorted().doesNotHaveDuplicates();
  }

  // ---- helpers -------------------------------------------------------------------------------

  interface Call {
    Http.Reply on(Http client);
  }

  /** Runs {@code call} for every client (each {@code times} times) all at once; the statuses. */
  private static List<Integer> runAll(List<Http> clients, Call call, int times) throws Exception {
    var pool = Executors.newFixedThreadPool(clients.size() * times);
    try {
      var start = new java.util.concurrent.CountDownLatch(1);
      List<Callable<Integer>> tasks = new ArrayList<>();
      for (int t = 0; t < times; t++) {
        for (Http client : clients) {
          tasks.add(
              () -> {
                start.await();
                return call.on(client).status();
              });
        }
      }
      var futures = new ArrayList<java.util.concurrent.Future<Integer>>();
      for (var task : tasks) {
        futures.add(pool.submit(task));
      }
      start.countDown();
      List<Integer> statuses = new ArrayList<>();
      for (var f : futures) {
        statuses.add(f.get(60, TimeUnit.SECONDS));
      }
      return statuses;
    } finally {
      pool.shutdownNow();
    }
  }

  private static List<String> slugsOf(Http.Reply reply) {
    assertThat(reply.status()).as("%s", reply).isEqualTo(200);
    List<String> slugs = new ArrayList<>();
    reply.json().get("articles").forEach(a -> slugs.add(a.get("slug").asText()));
    return slugs;
  }

  private static List<String> texts(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }
}
