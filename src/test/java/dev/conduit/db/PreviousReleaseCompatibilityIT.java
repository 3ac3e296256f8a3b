package dev.conduit.db;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conduit.support.Jar;
import dev.conduit.support.PostgresCluster;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * N-1 compatibility: during a rolling deploy the previous release keeps serving on the schema the
 * new release migrated to. So the previous release's own API contract tests (its {@code
 * XxxPostgresIT} classes, whose contract is {@code XxxContract}) run, built from its source as of
 * that commit, against a PostgreSQL whose {@code template1} the current jar has migrated: every
 * database those tests create starts with the current schema (their own migrate-on-start finds
 * every changeset it knows already applied). A migration that breaks the running version fails
 * here. The previous release is chosen by {@link PreviousRelease}.
 */
class PreviousReleaseCompatibilityIT {
  private static final Pattern CONTRACT =
      Pattern.compile("^src/test/java/(.+)/(\\w+)Contract\\.java$");

  @Test
  void thePreviousReleasesContractTestsPassOnTheCurrentSchema() throws Exception {
    PreviousRelease previous = PreviousRelease.find();
    List<String> contractTests = contractTests(previous);
    assertThat(contractTests)
        .as("API contract tests (XxxContract + XxxPostgresIT) in %s", previous)
        .isNotEmpty();

    Path source = Files.createTempDirectory("conduit-n-1-");
    try (PostgresCluster cluster = PostgresCluster.start(Map.of(), List.of(), null)) {
      export(previous, source);
      // The current schema in template1, built by the current jar as a release phase would.
      cluster.superuserSql("template1", "GRANT CREATE ON SCHEMA public TO conduit");
      var migrate =
          Jar.run(
              Map.of("DATABASE_URL", cluster.url("127.0.0.1", "template1", "")),
              "db",
              "migrate",
              "config.yml");
      assertThat(migrate.exitCode()).as(migrate.output()).isZero();
      int changesets = appliedChangesets(cluster.url("127.0.0.1", "template1", ""));
      assertThat(changesets).isPositive();

      Path log = source.resolve("n-1-build.log");
      int code = runContractTests(source, contractTests, cluster, log);
      String summary = summary(source);
      assertThat(code)
          .as(
              "the contract tests of %s on the current schema (%d changesets) failed: %s%n%s",
              previous, changesets, summary, tail(log))
          .isZero();
      assertThat(summary).as("tests ran").containsPattern("<completed>[1-9]\\d*</completed>");
      assertThat(summary).contains("<errors>0</errors>", "<failures>0</failures>");
      System.out.printf(
          "N-1: %s of %s passed on the current schema (%d changesets)%n",
          contractTests, previous, changesets);
    } finally {
      deleteTree(source);
    }
  }

  /** {@code XxxPostgresIT} for every {@code XxxContract} that release holds. */
  private static List<String> contractTests(PreviousRelease release) {
    List<String> files = release.files("src/test/java");
    List<String> tests = new ArrayList<>();
    for (String file : files) {
      Matcher m = CONTRACT.matcher(file);
      if (m.matches()) {
        String it = m.group(1) + "/" + m.group(2) + "PostgresIT";
        if (files.contains("src/test/java/" + it + ".java")) {
          tests.add(it.replace('/', '.'));
        }
      }
    }
    return tests;
  }

  /** That commit's tree, without touching this checkout or its git metadata. */
  private static void export(PreviousRelease release, Path dir) throws Exception {
    Process p =
        new ProcessBuilder(
                "bash",
                "-c",
                "set -o pipefail; git -C \"$1\" archive --format=tar \"$2\" | tar -x -C \"$3\"",
                "export",
                PreviousRelease.root().toString(),
                release.commit(),
                dir.toString())
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(2, TimeUnit.MINUTES)).isTrue();
    assertThat(p.exitValue()).as("git archive %s: %s", release, out).isZero();
  }

  /**
   * Builds the old tree (its own pom and wrapper) and runs only its contract ITs, with
   * TEST_DATABASE_URL on the cluster whose template1 carries the current schema.
   */
  private static int runContractTests(
      Path source, List<String> tests, PostgresCluster cluster, Path log) throws Exception {
    ProcessBuilder pb =
        new ProcessBuilder(
                "./mvnw",
                "-B",
                "-ntp",
                "-Dspotless.check.skip=true",
                "-Dspotless.apply.skip=true",
                "-Dit.test=" + String.join(",", tests),
                "-Dfailsafe.failIfNoSpecifiedTests=false",
                "test-compile",
                "failsafe:integration-test",
                "failsafe:verify")
            .directory(source.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    Map<String, String> env = pb.environment();
    env.keySet().removeIf(k -> k.startsWith("MAVEN_") || k.startsWith("TEST_"));
    env.put("TEST_DATABASE_URL", cluster.url("127.0.0.1", "postgres", ""));
    System.getenv().entrySet().stream()
        .filter(e -> e.getKey().equals("TEST_REDIS_URL") || e.getKey().equals("TEST_PG_BIN"))
        .forEach(e -> env.put(e.getKey(), e.getValue()));
    Process p = pb.start();
    if (!p.waitFor(12, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new AssertionError("the previous release's build did not finish:\n" + tail(log));
    }
    return p.exitValue();
  }

  private static int appliedChangesets(String url) throws Exception {
    try (var c = DriverManager.getConnection(url);
        var rs = c.createStatement().executeQuery("SELECT count(*) FROM databasechangelog")) {
      rs.next();
      return rs.getInt(1);
    }
  }

  private static String summary(Path source) throws IOException {
    Path file = source.resolve("target/failsafe-reports/failsafe-summary.xml");
    return Files.exists(file) ? Files.readString(file) : "(no failsafe summary)";
  }

  private static String tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 80), lines.size()));
    } catch (IOException e) {
      return "(no build log: " + e.getMessage() + ")";
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
