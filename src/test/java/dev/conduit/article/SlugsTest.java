package dev.conduit.article;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SlugsTest {
  private static final Pattern URL_SAFE = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "How to train your dragon | how-to-train-your-dragon",
        "  Hello,   World!!  | hello-world",
        "Crème brûlée für Ärzte | creme-brulee-fur-arzte",
        "Straße & Æsir: Øresund Łódź | strasse-aesir-oresund-lodz",
        "C++ / Java 17 — what's new? | c-java-17-what-s-new",
        "ﬁnal ﬂag | final-flag",
        "---dashes--- | dashes",
        "UPPER lower MiXeD | upper-lower-mixed",
        "2024 in review | 2024-in-review",
      })
  void derivesReadableSlugsFromTitles(String title, String slug) {
    assertThat(Slugs.base(title)).isEqualTo(slug);
  }

  @ParameterizedTest
  @CsvSource({"Привет мир", "你好，世界", "🙂🙂", "'   '", "'!!!'"})
  void titlesWithoutLatinLettersStillGetAUsableSlug(String title) {
    assertThat(Slugs.base(title)).isEqualTo(Slugs.FALLBACK);
  }

  @Test
  void nullTitleGetsTheFallback() {
    assertThat(Slugs.base(null)).isEqualTo(Slugs.FALLBACK);
  }

  @Test
  void longTitlesAreCutAtAWordBoundary() {
    String title = "word ".repeat(100);
    String slug = Slugs.base(title);
    assertThat(slug.length()).isLessThanOrEqualTo(Slugs.MAX_BASE_LENGTH);
    assertThat(slug).endsWith("word").matches(URL_SAFE);
  }

  @Test
  void longWordsWithoutBoundaryAreCutHard() {
    String slug = Slugs.base("x".repeat(500));
    assertThat(slug).hasSize(Slugs.MAX_BASE_LENGTH);
  }

  /** Property-style: whatever the title, the slug is URL-safe, bounded and never empty. */
  @Test
  void anyTitleGivesAUrlSafeBoundedSlug() {
    var random = new Random(42);
    for (int i = 0; i < 5_000; i++) {
      var title = new StringBuilder();
      int length = random.nextInt(300);
      for (int j = 0; j < length; j++) {
        // Mostly BMP, some supplementary code points (emoji, CJK extension B).
        int cp = random.nextInt(10) == 0 ? 0x1F300 + random.nextInt(0x300) : random.nextInt(0x3000);
        if (Character.isValidCodePoint(cp) && !Character.isSurrogate((char) cp)) {
          title.appendCodePoint(cp);
        }
      }
      String slug = Slugs.base(title.toString());
      assertThat(slug).as("slug of %s", title).matches(URL_SAFE);
      assertThat(slug.length()).isLessThanOrEqualTo(Slugs.MAX_BASE_LENGTH);
      String suffixed = Slugs.withSuffix(slug, random);
      assertThat(suffixed).matches(URL_SAFE);
      assertThat(suffixed.length()).isLessThanOrEqualTo(255);
      assertThat(Slugs.belongsTo(suffixed, slug)).isTrue();
    }
  }

  @Test
  void suffixesDifferSoEqualTitlesGetDistinctSlugs() {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 1_000; i++) {
      seen.add(Slugs.withSuffix("same-title"));
    }
    assertThat(seen).hasSize(1_000);
  }

  @Test
  void belongsToRecognisesTheBaseAndItsSuffixedForms() {
    assertThat(Slugs.belongsTo("dragons", "dragons")).isTrue();
    assertThat(Slugs.belongsTo("dragons-k3x9q2", "dragons")).isTrue();
    assertThat(Slugs.belongsTo("dragons-and-more", "dragons")).isFalse();
    assertThat(Slugs.belongsTo("dragons-k3x9q", "dragons")).isFalse();
    assertThat(Slugs.belongsTo("dragons-K3X9Q2", "dragons")).isFalse();
    assertThat(Slugs.belongsTo("dragon", "dragons")).isFalse();
  }
}
