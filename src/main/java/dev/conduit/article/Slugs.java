package dev.conduit.article;

import java.security.SecureRandom;
import java.text.Normalizer;
import java.util.Locale;
import java.util.Map;
import java.util.random.RandomGenerator;
import java.util.regex.Pattern;

/**
 * Slugs: the URL name of an article, derived from its title.
 *
 * <p>A slug uses only {@code [a-z0-9-]}, so it is safe in any URL without percent-encoding, in logs
 * and in shell scripts. Latin letters with diacritics are folded ("Crème brûlée" becomes {@code
 * creme-brulee}); titles with no Latin letters or digits at all (Cyrillic, CJK, emoji, ...) get the
 * base {@code article}. Uniqueness is the caller's job: when the base is taken, {@link #withSuffix}
 * adds a random suffix, and the database's unique constraint is the final judge.
 */
public final class Slugs {
  /** Leaves room for a suffix within the column's 255 characters and keeps URLs readable. */
  static final int MAX_BASE_LENGTH = 100;

  static final String FALLBACK = "article";
  static final int SUFFIX_LENGTH = 6;

  private static final Pattern COMBINING_MARKS = Pattern.compile("\\p{M}+");
  private static final Pattern NOT_SLUG = Pattern.compile("[^a-z0-9]+");
  private static final String SUFFIX_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

  /** Letters that NFKD does not decompose into an ASCII letter plus marks. */
  private static final Map<Character, String> FOLDS =
      Map.ofEntries(
          Map.entry('ß', "ss"),
          Map.entry('æ', "ae"),
          Map.entry('œ', "oe"),
          Map.entry('ø', "o"),
          Map.entry('ł', "l"),
          Map.entry('đ', "d"),
          Map.entry('ð', "d"),
          Map.entry('þ', "th"),
          Map.entry('ı', "i"));

  private static final RandomGenerator RANDOM = new SecureRandom();

  private Slugs() {}

  /** The slug a title asks for, before any uniqueness suffix. Never empty. */
  public static String base(String title) {
    String lower = title == null ? "" : title.toLowerCase(Locale.ROOT);
    var folded = new StringBuilder(lower.length());
    for (int i = 0; i < lower.length(); i++) {
      char c = lower.charAt(i);
      folded.append(FOLDS.getOrDefault(c, String.valueOf(c)));
    }
    String ascii =
        COMBINING_MARKS.matcher(Normalizer.normalize(folded, Normalizer.Form.NFKD)).replaceAll("");
    String slug = NOT_SLUG.matcher(ascii.toLowerCase(Locale.ROOT)).replaceAll("-");
    slug = trimDashes(slug);
    if (slug.length() > MAX_BASE_LENGTH) {
      // Cut at a word boundary when there is one, so a slug does not end mid-word.
      int cut = slug.lastIndexOf('-', MAX_BASE_LENGTH);
      slug = trimDashes(slug.substring(0, cut > MAX_BASE_LENGTH / 2 ? cut : MAX_BASE_LENGTH));
    }
    return slug.isEmpty() ? FALLBACK : slug;
  }

  /** {@code base} plus a random suffix ({@code -k3x9q2}), for when the base is already taken. */
  public static String withSuffix(String base) {
    return withSuffix(base, RANDOM);
  }

  static String withSuffix(String base, RandomGenerator random) {
    var out = new StringBuilder(base.length() + 1 + SUFFIX_LENGTH).append(base).append('-');
    for (int i = 0; i < SUFFIX_LENGTH; i++) {
      out.append(SUFFIX_ALPHABET.charAt(random.nextInt(SUFFIX_ALPHABET.length())));
    }
    return out.toString();
  }

  /**
   * Whether {@code slug} is one this title could have produced: the base itself or the base with a
   * suffix. An update whose title still maps to the article's slug keeps that slug.
   */
  public static boolean belongsTo(String slug, String base) {
    if (slug.equals(base)) {
      return true;
    }
    return slug.length() == base.length() + 1 + SUFFIX_LENGTH
        && slug.startsWith(base + "-")
        && slug.substring(base.length() + 1).chars().allMatch(c -> SUFFIX_ALPHABET.indexOf(c) >= 0);
  }

  private static String trimDashes(String s) {
    int start = 0;
    int end = s.length();
    while (start < end && s.charAt(start) == '-') {
      start++;
    }
    while (end > start && s.charAt(end - 1) == '-') {
      end--;
    }
    return s.substring(start, end);
  }
}
