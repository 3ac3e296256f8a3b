package dev.conduit.comment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conduit.article.ArticleService;
import dev.conduit.article.api.NewArticleRequest;
import dev.conduit.comment.api.CommentView;
import dev.conduit.comment.api.NewCommentRequest;
import dev.conduit.db.ReadCache;
import dev.conduit.support.DataTier;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Comments at the service tier, on a migrated Jdbi. */
class CommentServiceIT extends DataTier {
  private CommentService comments;
  private long ann;
  private long bob;
  private String slug;

  CommentServiceIT(Kind kind) {
    super(kind);
  }

  @BeforeEach
  void article() {
    comments = new CommentService(jdbi);
    ann = user("ann");
    bob = user("bob");
    slug =
        new ArticleService(jdbi, new ReadCache<>())
            .create(
                ann,
                new NewArticleRequest(
                    new NewArticleRequest.NewArticle("Talk", "d", "b", List.of())))
            .article()
            .slug();
  }

  private CommentView add(long author, String articleSlug, String body) {
    return comments
        .add(author, articleSlug, new NewCommentRequest(new NewCommentRequest.NewComment(body)))
        .comment();
  }

  @Test
  void commentsListNewestFirstWithTheirAuthors() {
    add(ann, slug, "first");
    add(bob, slug, "second");

    List<CommentView> listed = comments.list(slug, ann).comments();

    assertThat(listed).extracting(CommentView::body).containsExactly("second", "first");
    assertThat(listed).extracting(c -> c.author().username()).containsExactly("bob", "ann");
  }

  @Test
  void onlyTheAuthorDeletesAndOnlyOnItsOwnArticle() {
    long id = add(bob, slug, "mine").id();

    assertThat(status(() -> comments.delete(ann, slug, Long.toString(id)))).isEqualTo(403);
    assertThat(status(() -> comments.delete(bob, "no-such-article", Long.toString(id))))
        .isEqualTo(404);
    assertThat(status(() -> comments.delete(bob, slug, "not-a-number"))).isEqualTo(404);
    assertThat(count("comments")).isEqualTo(1);

    comments.delete(bob, slug, Long.toString(id));
    assertThat(comments.list(slug, bob).comments()).isEmpty();
    assertThat(status(() -> comments.delete(bob, slug, Long.toString(id)))).isEqualTo(404);
  }

  @Test
  void commentingOnNoArticleStoresNothing() {
    assertThat(status(() -> add(bob, "no-such-article", "lost"))).isEqualTo(404);
    assertThat(count("comments")).isZero();
  }

  @Test
  void theAnswerToANewCommentIsWhatIsStored() {
    CommentView added = add(bob, slug, "as stored");

    assertThat(comments.list(slug, bob).comments()).containsExactly(added);
    assertThat(added.author().username()).isEqualTo("bob");
    assertThat(added.createdAt()).isEqualTo(added.updatedAt());
  }

  @Test
  void aCommentByAnAccountThatIsGoneIsRefusedWith401AndStoresNothing() {
    assertThat(status(() -> add(bob + 1000, slug, "ghost"))).isEqualTo(401);
    assertThat(count("comments")).isZero();
  }
}
