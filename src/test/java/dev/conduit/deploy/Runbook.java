package dev.conduit.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Heading;
import org.commonmark.node.Node;
import org.commonmark.node.Text;
import org.commonmark.parser.IncludeSourceSpans;
import org.commonmark.parser.Parser;

/**
 * RUNBOOK.md as a CommonMark parser reads it (commonmark-java: a "#" line in a code block is no
 * heading), its sections, and the names its commands set, for the tests that compare them.
 */
final class Runbook {
  private static final String TEXT = Repo.read("RUNBOOK.md");
  private static final List<Heading> HEADINGS = headingsOf(TEXT);

  private Runbook() {}

  /** Every heading as it is written, e.g. {@code "## First deploy"}, in order. */
  static List<String> headings() {
    return HEADINGS.stream().map(h -> "#".repeat(h.getLevel()) + " " + title(h)).toList();
  }

  /**
   * The lines under the first "### title..." heading (itself included; the title may go on, e.g.
   * "AWS ECS (Fargate)"), up to the next heading of level 2 or 3.
   */
  static String section(String title) {
    Heading start =
        HEADINGS.stream()
            .filter(h -> h.getLevel() == 3 && title(h).startsWith(title))
            .findFirst()
            .orElse(null);
    assertThat(start).as("RUNBOOK.md has a section %s", title).isNotNull();
    String[] lines = TEXT.split("\n", -1);
    int from = line(start);
    int to =
        HEADINGS.stream()
            .filter(h -> h.getLevel() <= 3 && line(h) > from)
            .mapToInt(Runbook::line)
            .findFirst()
            .orElse(lines.length);
    return String.join("\n", List.of(lines).subList(from, to));
  }

  /** Every NAME in {@code pattern}'s first group, in order. */
  static Set<String> names(String text, String pattern) {
    Set<String> names = new LinkedHashSet<>();
    Matcher m = Pattern.compile(pattern).matcher(text);
    while (m.find()) {
      names.add(m.group(1));
    }
    return names;
  }

  /** Keys of {@code kubectl create secret generic NAME --from-literal=KEY=...}. */
  static Set<String> kubernetesSecretKeys() {
    return names(section("Kubernetes"), "--from-literal=([A-Z][A-Z0-9_]*)=");
  }

  private static List<Heading> headingsOf(String markdown) {
    Node document =
        Parser.builder().includeSourceSpans(IncludeSourceSpans.BLOCKS).build().parse(markdown);
    List<Heading> headings = new ArrayList<>();
    document.accept(
        new AbstractVisitor() {
          @Override
          public void visit(Heading heading) {
            headings.add(heading);
          }
        });
    return headings;
  }

  private static int line(Heading heading) {
    return heading.getSourceSpans().get(0).getLineIndex();
  }

  private static String title(Heading heading) {
    StringBuilder text = new StringBuilder();
    heading.accept(
        new AbstractVisitor() {
          @Override
          public void visit(Text t) {
            text.append(t.getLiteral());
          }
        });
    return text.toString().strip();
  }
}
