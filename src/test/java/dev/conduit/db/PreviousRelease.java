package dev.conduit.db;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The release that is running while the current changelog is deployed, found in git history: the
 * newest tag reachable from HEAD; without tags, the commit before the newest change to the
 * changelog (uncommitted changes count: then it is HEAD). If the changelog has not changed since
 * the first commit, HEAD's parent. A shallow clone or a directory without git fails with a message
 * that says how to get the history: this check never silently passes.
 */
record PreviousRelease(String commit, String why) {
  static final String CHANGELOG_DIR = "src/main/resources/db/changelog";
  static final String CHANGELOG_XML = "src/main/resources/migrations.xml";

  static Path root() {
    return Path.of(System.getProperty("basedir", ".")).toAbsolutePath().normalize();
  }

  static PreviousRelease find() {
    if (!git("rev-parse", "--is-inside-work-tree").orElse("").equals("true")) {
      throw new IllegalStateException(
          "the N-1 checks need this project's git history; run them in a git clone");
    }
    if (git("rev-parse", "--is-shallow-repository").orElse("").equals("true")) {
      throw new IllegalStateException(
          "this is a shallow clone: the N-1 checks need the history (git fetch --unshallow;"
              + " on GitHub Actions checkout with fetch-depth: 0)");
    }
    Optional<String> tag = git("describe", "--tags", "--abbrev=0", "HEAD");
    if (tag.isPresent()) {
      return new PreviousRelease(revParse(tag.get() + "^{commit}"), "newest tag " + tag.get());
    }
    String dirty = git("status", "--porcelain", "--", CHANGELOG_DIR, CHANGELOG_XML).orElse("");
    if (!dirty.isEmpty()) {
      return new PreviousRelease(revParse("HEAD"), "HEAD (the changelog has uncommitted changes)");
    }
    String newest =
        git("log", "-1", "--format=%H", "--", CHANGELOG_DIR, CHANGELOG_XML)
            .orElseThrow(() -> new IllegalStateException("no commit holds " + CHANGELOG_DIR));
    Optional<String> before = git("rev-parse", "--verify", "-q", newest + "^1");
    if (before.isPresent()) {
      return new PreviousRelease(
          before.get(), "the commit before the newest changelog change " + newest.substring(0, 12));
    }
    return new PreviousRelease(
        git("rev-parse", "--verify", "-q", "HEAD^1")
            .orElseThrow(() -> new IllegalStateException("HEAD has no parent: no release before")),
        "HEAD's parent (the changelog has not changed since the first commit)");
  }

  /** The {@code author:id} of every changeset in this release's changelog. */
  Set<String> changesetIds() {
    String listing =
        git("ls-tree", "--name-only", commit, CHANGELOG_DIR + "/")
            .orElseThrow(() -> new IllegalStateException("cannot list the changelog of " + this));
    return listing
        .lines()
        .filter(path -> path.endsWith(".sql"))
        .flatMap(
            path ->
                ChangelogLint.parse(
                    path,
                    git("show", commit + ":" + path)
                        .orElseThrow(() -> new IllegalStateException("cannot read " + path)))
                    .stream())
        .map(ChangelogLint.Changeset::id)
        .collect(Collectors.toSet());
  }

  /** File names under {@code dir} in this release (for finding its contract tests). */
  List<String> files(String dir) {
    return git("ls-tree", "-r", "--name-only", commit, dir + "/").orElse("").lines().toList();
  }

  private static String revParse(String rev) {
    return git("rev-parse", "--verify", "-q", rev)
        .orElseThrow(() -> new IllegalStateException("cannot resolve " + rev));
  }

  /** Runs git in the project directory; empty when it exits non-zero. */
  static Optional<String> git(String... args) {
    List<String> command = new ArrayList<>(List.of("git", "-C", root().toString()));
    command.addAll(List.of(args));
    try {
      Process p =
          new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
      p.getOutputStream().close();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IllegalStateException("git " + String.join(" ", args) + " did not finish");
      }
      return p.exitValue() == 0 ? Optional.of(out) : Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("git is needed for the N-1 checks", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public String toString() {
    return commit.substring(0, 12) + " (" + why + ")";
  }
}
