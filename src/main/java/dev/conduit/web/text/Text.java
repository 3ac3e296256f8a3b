package dev.conduit.web.text;

/**
 * The text the API accepts. PostgreSQL refuses NUL outright (a 500 if it reaches SQL), and the
 * other control characters are never wanted in what people read: they hide text in terminals and
 * logs and break single-line fields. So:
 *
 * <ul>
 *   <li>single-line fields (usernames, emails, titles, descriptions, tags, image URLs, query and
 *       path values): no C0 control character (U+0000 to U+001F), no DEL (U+007F), no C1 control
 *       (U+0080 to U+009F);
 *   <li>multi-line fields (article and comment bodies, bio): the same, except that tab, line feed
 *       and carriage return are allowed;
 *   <li>everywhere: no unpaired UTF-16 surrogate (a {@code "\ud800"} escape), which has no UTF-8
 *       form.
 * </ul>
 *
 * Passwords are not restricted: they are only hashed, never stored or shown.
 */
public final class Text {
  private Text() {}

  /** True when {@code s} holds only characters allowed in the given kind of field. */
  public static boolean isAllowed(String s, boolean multiLine) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c)) {
        if (i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
          i++;
          continue;
        }
        return false;
      }
      if (Character.isLowSurrogate(c)) {
        return false;
      }
      if (isControl(c) && !(multiLine && (c == '\t' || c == '\n' || c == '\r'))) {
        return false;
      }
    }
    return true;
  }

  private static boolean isControl(char c) {
    return c < 0x20 || c >= 0x7f && c <= 0x9f;
  }
}
