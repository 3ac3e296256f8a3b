package dev.conduit.article;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.conduit.web.ApiException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ArticleQueryTest {

  @Test
  void defaultsToTwentyFromTheStart() {
    var q = ArticleQuery.parse(null, null, null, null, null);
    assertThat(q.limit()).isEqualTo(20);
    assertThat(q.offset()).isZero();
    assertThat(q.tag()).isNull();
  }

  @Test
  void blankFiltersAndBlankNumbersMeanAbsent() {
    var q = ArticleQuery.parse(" ", "", null, "", " ");
    assertThat(q).isEqualTo(new ArticleQuery(null, null, null, 20, 0));
  }

  @Test
  void acceptsTheBounds() {
    assertThat(ArticleQuery.parse("t", "a", "f", "1", "0").limit()).isEqualTo(1);
    assertThat(ArticleQuery.parse(null, null, null, "100", "2147483647").offset())
        .isEqualTo(Integer.MAX_VALUE);
  }

  @ParameterizedTest
  @CsvSource({
    "0, 0, limit, must be at least 1",
    "-1, 0, limit, must be at least 1",
    "101, 0, limit, must be at most 100",
    "99999999999999999999, 0, limit, must be at most 100",
    "ten, 0, limit, must be a whole number",
    "1.5, 0, limit, must be a whole number",
    "20, -1, offset, must be at least 0",
    "20, x, offset, must be a whole number",
    "20, 2147483648, offset, must be at most 2147483647",
    "20, -99999999999999999999, offset, must be at least 0",
  })
  void badWindowIs422NamingTheParameter(String limit, String offset, String field, String message) {
    assertThatThrownBy(() -> ArticleQuery.parse(null, null, null, limit, offset))
        .isInstanceOfSatisfying(
            ApiException.class,
            e -> {
              assertThat(e.status()).isEqualTo(422);
              assertThat(e.body().errors()).isEqualTo(Map.of(field, List.of(message)));
            });
  }

  @Test
  void bothBadParametersAreNamedAtOnce() {
    assertThatThrownBy(() -> ArticleQuery.page("-5", "abc"))
        .isInstanceOfSatisfying(
            ApiException.class,
            e -> assertThat(e.body().errors()).containsOnlyKeys("limit", "offset"));
  }
}
