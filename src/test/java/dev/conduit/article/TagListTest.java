package dev.conduit.article;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conduit.article.api.NewArticleRequest;
import dev.conduit.article.api.UpdateArticleRequest;
import io.dropwizard.jersey.validation.Validators;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The tag rules of {@link NewArticleRequest} and how {@link ArticleService} stores tags. */
class TagListTest {
  private static final Validator VALIDATOR = Validators.newValidator();

  /** The messages Bean Validation gives for an otherwise valid article with these tags. */
  private static Set<String> errors(List<String> tags) {
    var request = new NewArticleRequest(new NewArticleRequest.NewArticle("t", "d", "b", tags));
    return VALIDATOR.validate(request).stream()
        .map(ConstraintViolation::getMessage)
        .collect(Collectors.toSet());
  }

  @Test
  void missingOrEmptyTagListIsFine() {
    assertThat(ArticleService.cleanTags(null)).isEmpty();
    assertThat(ArticleService.cleanTags(List.of())).isEmpty();
    assertThat(errors(null)).isEmpty();
    assertThat(errors(List.of())).isEmpty();
  }

  @Test
  void duplicatesAreKeptOnceAndTheListIsAlphabetical() {
    var tags = List.of("training", "dragons", " dragons ", "b");
    assertThat(ArticleService.cleanTags(tags)).containsExactly("b", "dragons", "training");
    assertThat(errors(tags)).isEmpty();
  }

  @Test
  void editsFollowTheSameTagRules() {
    var edit =
        new UpdateArticleRequest(
            new UpdateArticleRequest.Changes(null, null, null, List.of("ok", " ")));
    assertThat(VALIDATOR.validate(edit))
        .extracting(ConstraintViolation::getMessage)
        .containsExactly("can't contain blank tags");
  }

  @Test
  void blankOrNullTagsAreRefused() {
    assertThat(errors(Arrays.asList("ok", null))).containsExactly("can't contain blank tags");
    assertThat(errors(List.of("ok", "  "))).containsExactly("can't contain blank tags");
  }

  @Test
  void tooLongOrTooManyTagsAreRefused() {
    assertThat(errors(List.of("x".repeat(65)))).containsExactly("tags are at most 64 characters");
    assertThat(errors(List.of("x".repeat(64)))).isEmpty();

    List<String> many = new ArrayList<>();
    for (int i = 0; i <= 32; i++) {
      many.add("t" + i);
    }
    assertThat(errors(many)).containsExactly("is too long (maximum is 32 tags)");
    Collections.reverse(many);
    assertThat(errors(many.subList(1, many.size()))).isEmpty();
  }
}
