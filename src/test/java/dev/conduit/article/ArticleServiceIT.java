package dev.conduit.article;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conduit.article.api.ArticleView;
import dev.conduit.article.api.NewArticleRequest;
import dev.conduit.article.api.UpdateArticleRequest;
import dev.conduit.comment.CommentService;
import dev.conduit.comment.api.NewCommentRequest;
import dev.conduit.db.ReadCache;
import dev.conduit.profile.ProfileService;
import dev.conduit.support.DataTier;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Articles, tags and favorites at the service tier, on a migrated Jdbi. */
class ArticleServiceIT extends DataTier {
  private ArticleService articles;
  private long ann;
  private long bob;

  ArticleServiceIT(Kind kind) {
    super(kind);
  }

  @BeforeEach
  void service() {
    // A new service per test: its cached total of the unfiltered list starts empty.
    articles = new ArticleService(jdbi, new ReadCache<>());
    ann = user("ann");
    bob = user("bob");
  }

  private ArticleView create(long author, String title, String... tags) {
    return articles
        .create(
            author,
            new NewArticleRequest(
                new NewArticleRequest.NewArticle(
                    title, "About " + title, "Body of " + title, List.of(tags))))
        .article();
  }

  private List<String> titles(ArticleQuery query, long viewer) {
    return articles.list(query, viewer).articles().stream().map(ArticleView::title).toList();
  }

  private static ArticleQuery filter(String tag, String author, String favorited) {
    return new ArticleQuery(tag, author, favorited, ArticleQuery.DEFAULT_LIMIT, 0);
  }

  @Test
  void anArticleIsStoredWithItsTagsOnceEachInAlphabeticalOrder() {
    var created = create(ann, "How to train your dragon", "dragons", "training", "dragons");

    assertThat(created.slug()).isEqualTo("how-to-train-your-dragon");
    assertThat(created.tagList()).containsExactly("dragons", "training");
    assertThat(created.author().username()).isEqualTo("ann");
    assertThat(count("tags")).isEqualTo(2);
    assertThat(count("article_tags")).isEqualTo(2);
    assertThat(articles.get(created.slug(), bob).article().body())
        .isEqualTo("Body of How to train your dragon");
  }

  @Test
  void theSameTitleTwiceGetsTwoSlugs() {
    String first = create(ann, "Same title").slug();
    String second = create(bob, "Same title").slug();

    assertThat(second).isNotEqualTo(first).startsWith("same-title");
    assertThat(count("articles")).isEqualTo(2);
  }

  @Test
  void listsFilterByTagAuthorAndFavoriterNewestFirst() {
    create(ann, "First", "a");
    create(bob, "Second", "b");
    String third = create(ann, "Third", "a", "b").slug();
    articles.favorite(bob, third);

    assertThat(titles(filter(null, null, null), 0)).containsExactly("Third", "Second", "First");
    assertThat(titles(filter("a", null, null), 0)).containsExactly("Third", "First");
    assertThat(titles(filter(null, "bob", null), 0)).containsExactly("Second");
    assertThat(titles(filter(null, null, "bob"), 0)).containsExactly("Third");
    assertThat(titles(filter("b", "ann", null), 0)).containsExactly("Third");
    assertThat(articles.list(filter(null, null, null), 0).articlesCount()).isEqualTo(3);
    assertThat(articles.list(new ArticleQuery(null, null, null, 1, 1), 0).articlesCount())
        .as("the total, not the page size")
        .isEqualTo(3);
  }

  @Test
  void theFeedHoldsOnlyArticlesOfFollowedAuthors() {
    long cyd = user("cyd");
    create(ann, "By ann");
    create(bob, "By bob");
    new ProfileService(jdbi).follow(cyd, "bob");

    var feed = articles.feed(new ArticleQuery(null, null, null, 20, 0), cyd);

    assertThat(feed.articles()).extracting(ArticleView::title).containsExactly("By bob");
    assertThat(feed.articlesCount()).isEqualTo(1);
    assertThat(feed.articles().get(0).author().following()).isTrue();
  }

  @Test
  void favoritingTwiceIsIdempotentAndTheCountComesFromTheRows() {
    String slug = create(ann, "Liked").slug();

    articles.favorite(bob, slug);
    var twice = articles.favorite(bob, slug).article();
    assertThat(twice.favorited()).isTrue();
    assertThat(twice.favoritesCount()).isEqualTo(1);
    assertThat(articles.favorite(ann, slug).article().favoritesCount()).isEqualTo(2);

    var undone = articles.unfavorite(bob, slug).article();
    assertThat(undone.favorited()).isFalse();
    assertThat(undone.favoritesCount()).isEqualTo(1);
    assertThat(articles.unfavorite(bob, slug).article().favoritesCount()).isEqualTo(1);
    assertThat(count("favorites")).isEqualTo(1);
  }

  @Test
  void onlyTheAuthorUpdatesOrDeletesAndARefusalChangesNothing() {
    String slug = create(ann, "Mine", "keep").slug();

    assertThat(status(() -> articles.update(bob, slug, changes("Hijacked")))).isEqualTo(403);
    assertThat(status(() -> articles.delete(bob, slug))).isEqualTo(403);
    assertThat(articles.get(slug, ann).article().title()).isEqualTo("Mine");

    var renamed = articles.update(ann, slug, changes("Still mine")).article();
    assertThat(renamed.slug()).isEqualTo("still-mine");
    assertThat(renamed.tagList()).containsExactly("keep");
    assertThat(status(() -> articles.get(slug, ann))).isEqualTo(404);
  }

  @Test
  void deletingAnArticleTakesItsCommentsFavoritesAndTagLinksButKeepsTheTags() {
    String slug = create(ann, "Doomed", "x", "y").slug();
    articles.favorite(bob, slug);
    new CommentService(jdbi)
        .add(bob, slug, new NewCommentRequest(new NewCommentRequest.NewComment("Nice")));

    articles.delete(ann, slug);

    assertThat(count("articles")).isZero();
    assertThat(count("comments")).isZero();
    assertThat(count("favorites")).isZero();
    assertThat(count("article_tags")).isZero();
    assertThat(count("tags")).isEqualTo(2);
    assertThat(status(() -> articles.get(slug, ann))).isEqualTo(404);
  }

  private static UpdateArticleRequest changes(String title) {
    return new UpdateArticleRequest(new UpdateArticleRequest.Changes(title, null, null, null));
  }
}
