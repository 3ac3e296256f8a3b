package dev.conduit.article;

import dev.conduit.web.ApiException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A validated list request: optional filters (blank means absent) and the page window.
 *
 * <p>{@code limit} is 1 to {@value #MAX_LIMIT} (default {@value #DEFAULT_LIMIT}); {@code offset} is
 * 0 or more. Anything else, including text that is not a whole number, is a 422 naming the
 * parameter, rather than being silently clamped: a client that asks for 1000 items should learn
 * that it will not get them. (Hand-parsed, not Bean Validation on {@code Integer} parameters:
 * Jersey answers a non-number there with a bare 404 before any validator runs.)
 */
public record ArticleQuery(String tag, String author, String favorited, int limit, int offset) {
  public static final int DEFAULT_LIMIT = 20;
  public static final int MAX_LIMIT = 100;

  public ArticleQuery {
    tag = blankToNull(tag);
    author = blankToNull(author);
    favorited = blankToNull(favorited);
  }

  /** Parses the raw query parameters; throws a 422 naming every bad one. */
  public static ArticleQuery parse(
      String tag, String author, String favorited, String limit, String offset) {
    Map<String, List<String>> errors = new LinkedHashMap<>();
    int l = parseInt(errors, "limit", limit, DEFAULT_LIMIT, 1, MAX_LIMIT);
    int o = parseInt(errors, "offset", offset, 0, 0, Integer.MAX_VALUE);
    if (!errors.isEmpty()) {
      throw new ApiException(422, errors);
    }
    return new ArticleQuery(tag, author, favorited, l, o);
  }

  /** The page window alone, for the feed (which has no filters). */
  public static ArticleQuery page(String limit, String offset) {
    return parse(null, null, null, limit, offset);
  }

  private static int parseInt(
      Map<String, List<String>> errors, String name, String raw, int absent, int min, int max) {
    if (raw == null || raw.isBlank()) {
      return absent;
    }
    long value;
    try {
      value = Long.parseLong(raw.strip());
    } catch (NumberFormatException e) {
      // Digits too many for a long are still a number: say which way it is out of range.
      if (raw.strip().matches("-?[0-9]+")) {
        errors.put(
            name,
            List.of(
                raw.strip().startsWith("-")
                    ? "must be at least " + min
                    : "must be at most " + max));
      } else {
        errors.put(name, List.of("must be a whole number"));
      }
      return absent;
    }
    if (value < min) {
      errors.put(name, List.of("must be at least " + min));
    } else if (value > max) {
      errors.put(name, List.of("must be at most " + max));
    } else {
      return (int) value;
    }
    return absent;
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
