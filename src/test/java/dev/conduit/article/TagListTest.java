package dev.conduit.article;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conduit.web.FieldErrors;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class TagListTest {

  @Test
  void missingOrEmptyTagListIsFine() {
    var errors = new FieldErrors();
    assertThat(ArticleService.cleanTags(errors, null)).isEmpty();
    assertThat(ArticleService.cleanTags(errors, List.of())).isEmpty();
    assertThat(errors.isEmpty()).isTrue();
  }

  @Test
  void duplicatesAreKeptOnceAndTheListIsAlphabetical() {
    var errors = new FieldErrors();
    var tags = ArticleService.cleanTags(errors, List.of("training", "dragons", " dragons ", "b"));
    assertThat(tags).containsExactly("b", "dragons", "training");
    assertThat(errors.isEmpty()).isTrue();
  }

  @Test
  void blankOrNullTagsAreRefused() {
    var errors = new FieldErrors();
    ArticleService.cleanTags(errors, Arrays.asList("ok", null));
    assertThat(errors.isEmpty()).isFalse();
    var blank = new FieldErrors();
    ArticleService.cleanTags(blank, List.of("ok", "  "));
    assertThat(blank.isEmpty()).isFalse();
  }

  @Test
  void tooLongOrTooManyTagsAreRefused() {
    var longTag = new FieldErrors();
    ArticleService.cleanTags(longTag, List.of("x".repeat(ArticleService.MAX_TAG_LENGTH + 1)));
    assertThat(longTag.isEmpty()).isFalse();

    List<String> many = new ArrayList<>();
    for (int i = 0; i <= ArticleService.MAX_TAGS; i++) {
      many.add("t" + i);
    }
    var tooMany = new FieldErrors();
    ArticleService.cleanTags(tooMany, many);
    assertThat(tooMany.isEmpty()).isFalse();

    var justEnough = new FieldErrors();
    Collections.reverse(many);
    ArticleService.cleanTags(justEnough, many.subList(1, many.size()));
    assertThat(justEnough.isEmpty()).isTrue();
  }
}
