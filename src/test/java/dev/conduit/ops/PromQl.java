package dev.conduit.ops;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Just enough PromQL and text exposition parsing to check that alert rules and dashboard queries
 * select series a real scrape has: the vector selectors of an expression ({@code
 * name{label="value",...}}), and the series of a {@code /prometheus} page.
 */
final class PromQl {
  private PromQl() {}

  record Matcher(String label, String op, String value) {
    boolean accepts(String actual) {
      String v = actual == null ? "" : actual;
      return switch (op) {
        case "=" -> v.equals(value);
        case "!=" -> !v.equals(value);
        case "=~" -> Pattern.compile(value).matcher(v).matches();
        case "!~" -> !Pattern.compile(value).matcher(v).matches();
        default -> throw new IllegalArgumentException("matcher " + op);
      };
    }
  }

  record Selector(String metric, List<Matcher> matchers) {
    /** Whether this series would be selected, ignoring the labels in {@code ignored}. */
    boolean selects(Series series, Set<String> ignored) {
      if (!series.name().equals(metric)) {
        return false;
      }
      return matchers.stream()
          .filter(m -> !ignored.contains(m.label()))
          .allMatch(m -> m.accepts(series.labels().get(m.label())));
    }

    @Override
    public String toString() {
      return metric
          + matchers.stream().map(m -> m.label() + m.op() + '"' + m.value() + '"').toList();
    }
  }

  record Series(String name, Map<String, String> labels) {}

  private static final Set<String> KEYWORDS =
      Set.of(
          "by",
          "without",
          "on",
          "ignoring",
          "group_left",
          "group_right",
          "bool",
          "and",
          "or",
          "unless",
          "offset",
          "atan2",
          "inf",
          "nan");

  /** Every vector selector with a metric name in {@code expr}. */
  static List<Selector> selectors(String expr) {
    // Label lists of grouping and matching modifiers name labels, not metrics.
    String e =
        expr.replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " ");
    List<Selector> out = new ArrayList<>();
    int i = 0;
    while (i < e.length()) {
      char c = e.charAt(i);
      if (c == '"' || c == '\'' || c == '`') {
        i = skipString(e, i);
      } else if (c == '[') {
        i = e.indexOf(']', i) + 1; // range or subquery duration
      } else if (c == '#') {
        int nl = e.indexOf('\n', i);
        i = nl < 0 ? e.length() : nl;
      } else if (Character.isDigit(c)
          || (c == '.' && i + 1 < e.length() && Character.isDigit(e.charAt(i + 1)))) {
        while (i < e.length() && (Character.isLetterOrDigit(e.charAt(i)) || e.charAt(i) == '.')) {
          i++; // a number or a duration (5m, 1.5e3)
        }
      } else if (c == '$') {
        i++; // Grafana variable outside a string, e.g. $__rate_interval
        while (i < e.length()
            && (Character.isLetterOrDigit(e.charAt(i))
                || e.charAt(i) == '_'
                || e.charAt(i) == '{'
                || e.charAt(i) == '}')) {
          i++;
        }
      } else if (Character.isLetter(c) || c == '_' || c == ':') {
        int start = i;
        while (i < e.length()
            && (Character.isLetterOrDigit(e.charAt(i))
                || e.charAt(i) == '_'
                || e.charAt(i) == ':')) {
          i++;
        }
        String name = e.substring(start, i);
        int j = i;
        while (j < e.length() && Character.isWhitespace(e.charAt(j))) {
          j++;
        }
        if (j < e.length() && e.charAt(j) == '(') {
          continue; // function or aggregation
        }
        if (KEYWORDS.contains(name.toLowerCase(java.util.Locale.ROOT))) {
          continue;
        }
        List<Matcher> matchers = new ArrayList<>();
        if (j < e.length() && e.charAt(j) == '{') {
          i = parseMatchers(e, j, matchers);
        }
        out.add(new Selector(name, matchers));
      } else if (c == '{') {
        i = parseMatchers(e, i, new ArrayList<>()); // selector without a name: not checked
      } else {
        i++;
      }
    }
    return out;
  }

  private static int parseMatchers(String e, int open, List<Matcher> into) {
    int i = open + 1;
    while (true) {
      while (i < e.length() && (Character.isWhitespace(e.charAt(i)) || e.charAt(i) == ',')) {
        i++;
      }
      if (i >= e.length()) {
        throw new IllegalArgumentException("unclosed { in " + e);
      }
      if (e.charAt(i) == '}') {
        return i + 1;
      }
      int start = i;
      while (Character.isLetterOrDigit(e.charAt(i)) || e.charAt(i) == '_') {
        i++;
      }
      String label = e.substring(start, i);
      while (Character.isWhitespace(e.charAt(i))) {
        i++;
      }
      int opStart = i;
      while ("=!~".indexOf(e.charAt(i)) >= 0) {
        i++;
      }
      String op = e.substring(opStart, i);
      while (Character.isWhitespace(e.charAt(i))) {
        i++;
      }
      int end = skipString(e, i);
      into.add(new Matcher(label, op, unquote(e.substring(i, end))));
      i = end;
    }
  }

  private static int skipString(String e, int open) {
    char q = e.charAt(open);
    int i = open + 1;
    while (i < e.length() && e.charAt(i) != q) {
      i += e.charAt(i) == '\\' && q != '`' ? 2 : 1;
    }
    if (i >= e.length()) {
      throw new IllegalArgumentException("unclosed string in " + e);
    }
    return i + 1;
  }

  private static String unquote(String literal) {
    String body = literal.substring(1, literal.length() - 1);
    if (literal.charAt(0) == '`') {
      return body;
    }
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < body.length(); i++) {
      char c = body.charAt(i);
      if (c == '\\' && i + 1 < body.length()) {
        char n = body.charAt(++i);
        s.append(n == 'n' ? '\n' : n);
      } else {
        s.append(c);
      }
    }
    return s.toString();
  }

  /** The series of a text exposition (sample lines; comments and blank lines skipped). */
  static List<Series> series(String exposition) {
    List<Series> out = new ArrayList<>();
    for (String line : exposition.split("\n")) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      int brace = line.indexOf('{');
      int space = line.indexOf(' ');
      if (brace < 0 || (space >= 0 && space < brace)) {
        out.add(new Series(line.substring(0, space), Map.of()));
        continue;
      }
      Map<String, String> labels = new LinkedHashMap<>();
      List<Matcher> pairs = new ArrayList<>();
      parseMatchers(line, brace, pairs);
      pairs.forEach(p -> labels.put(p.label(), p.value()));
      out.add(new Series(line.substring(0, brace), labels));
    }
    return out;
  }
}
