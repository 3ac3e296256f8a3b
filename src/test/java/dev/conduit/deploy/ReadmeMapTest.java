package dev.conduit.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The README's map of the code is kept true by the layout: packages and classes it names exist. */
class ReadmeMapTest {
  private static final Path SOURCES = Repo.root().resolve("src/main/java/dev/conduit");

  private final String map = section(Repo.read("README.md"), "## Map of the code");

  @Test
  void namesEveryPackageAndNoOther() throws IOException {
    Set<String> packages = new TreeSet<>();
    try (Stream<Path> files = Files.walk(SOURCES)) {
      files
          .filter(p -> p.toString().endsWith(".java"))
          .map(p -> SOURCES.relativize(p.getParent()).toString().replace('\\', '/'))
          .filter(p -> !p.isEmpty())
          .forEach(packages::add);
    }
    Set<String> named = new TreeSet<>();
    Matcher m = Pattern.compile("(?m)^\\s{4,}([a-z]+(?:/[a-z]+)*)/\\s").matcher(map);
    while (m.find()) {
      named.add(m.group(1));
    }
    assertThat(named).as("packages the README map names").isEqualTo(packages);
  }

  @Test
  void everyClassItNamesExists() throws IOException {
    Set<String> classes = new TreeSet<>();
    try (Stream<Path> files = Files.walk(SOURCES)) {
      files
          .map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".java"))
          .forEach(n -> classes.add(n.substring(0, n.length() - ".java".length())));
    }
    List<String> named =
        Pattern.compile("\\b[A-Z][a-z0-9]+(?:[A-Z][a-z0-9]*)+\\b")
            .matcher(map)
            .results()
            .map(r -> r.group())
            .distinct()
            .toList();
    assertThat(named).as("the map names classes").isNotEmpty();
    assertThat(classes).as("classes in src/main").containsAll(named);
  }

  private static String section(String markdown, String heading) {
    int start = markdown.indexOf(heading);
    assertThat(start).as("README has a section %s", heading).isNotNegative();
    int end = markdown.indexOf("\n## ", start + heading.length());
    return end < 0 ? markdown.substring(start) : markdown.substring(start, end);
  }
}
