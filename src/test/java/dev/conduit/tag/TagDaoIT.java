package dev.conduit.tag;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conduit.article.ArticleService;
import dev.conduit.article.api.NewArticleRequest;
import dev.conduit.db.ReadCache;
import dev.conduit.support.DataTier;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Tags in use at the DAO tier, on a migrated Jdbi. */
class TagDaoIT extends DataTier {
  TagDaoIT(Kind kind) {
    super(kind);
  }

  @Test
  void onlyTagsOfAnExistingArticleAreInUse() {
    long ann = user("ann");
    var articles = new ArticleService(jdbi, new ReadCache<>());
    String gone = create(articles, ann, "Gone", "old", "shared");
    create(articles, ann, "Kept", "shared", "new");

    assertThat(jdbi.withHandle(TagDao::inUse)).containsExactlyInAnyOrder("old", "shared", "new");

    articles.delete(ann, gone);
    assertThat(jdbi.withHandle(TagDao::inUse)).containsExactlyInAnyOrder("shared", "new");
    assertThat(count("tags")).as("the tag row stays").isEqualTo(3);
  }

  private static String create(ArticleService articles, long author, String title, String... tags) {
    return articles
        .create(
            author,
            new NewArticleRequest(new NewArticleRequest.NewArticle(title, "d", "b", List.of(tags))))
        .article()
        .slug();
  }
}
