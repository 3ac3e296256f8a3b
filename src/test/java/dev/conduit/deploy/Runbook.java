package dev.conduit.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** RUNBOOK.md's sections and the names its commands set, for the tests that compare them. */
final class Runbook {
  private Runbook() {}

  /** The text under a "### title" heading, up to the next heading of level 2 or 3. */
  static String section(String title) {
    String text = Repo.read("RUNBOOK.md");
    int start = text.indexOf("\n### " + title);
    assertThat(start).as("RUNBOOK.md has a section %s", title).isNotNegative();
    Matcher next = Pattern.compile("\n##+ ").matcher(text);
    int end = next.find(start + 5) ? next.start() : text.length();
    return text.substring(start, end);
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
}
