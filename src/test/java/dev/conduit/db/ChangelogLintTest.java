package dev.conduit.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The changelog lint: the real changelog passes it against the previous release (from git), and
 * each kind of breaking change is refused unless it is a released expand step's contract.
 */
class ChangelogLintTest {
  private static final Pattern INCLUDE = Pattern.compile("<include\\s+file=\"([^\"]+)\"");

  // ---- the real changelog ---------------------------------------------------------------------

  @Test
  void theChangelogKeepsThePreviousReleaseWorking() throws IOException {
    PreviousRelease previous = PreviousRelease.find();
    List<String> problems = ChangelogLint.violations(changelog(), previous.changesetIds());
    assertThat(problems).as("breaking changes against %s", previous).isEmpty();
  }

  @Test
  void everyChangelogFileIsIncludedInMigrationsXml() throws IOException {
    Path dir = PreviousRelease.root().resolve(PreviousRelease.CHANGELOG_DIR);
    try (Stream<Path> files = Files.list(dir)) {
      List<String> onDisk =
          files
              .map(f -> "db/changelog/" + f.getFileName())
              .filter(f -> f.endsWith(".sql"))
              .toList();
      assertThat(includes()).containsExactlyInAnyOrderElementsOf(onDisk);
    }
  }

  /** The changesets in the order migrations.xml runs them. */
  private static List<ChangelogLint.Changeset> changelog() throws IOException {
    List<ChangelogLint.Changeset> all = new ArrayList<>();
    for (String file : includes()) {
      Path path = PreviousRelease.root().resolve("src/main/resources").resolve(file);
      all.addAll(ChangelogLint.parse(file, Files.readString(path, StandardCharsets.UTF_8)));
    }
    assertThat(all).as("changesets found").isNotEmpty();
    return all;
  }

  private static List<String> includes() throws IOException {
    String xml =
        Files.readString(
            PreviousRelease.root().resolve(PreviousRelease.CHANGELOG_XML), StandardCharsets.UTF_8);
    List<String> files = new ArrayList<>();
    Matcher m = INCLUDE.matcher(xml);
    while (m.find()) {
      files.add(m.group(1));
    }
    return files;
  }

  // ---- refusals -------------------------------------------------------------------------------

  @ParameterizedTest(name = "{1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "DROP TABLE comments;                                        | drops table COMMENTS",
        "ALTER TABLE users DROP COLUMN bio;                          | drops column USERS.BIO",
        "ALTER TABLE users DROP image;                               | drops column USERS.IMAGE",
        "ALTER TABLE tags RENAME TO labels;                          | renames table TAGS to LABELS",
        "ALTER TABLE users RENAME COLUMN bio TO about;               | renames column USERS.BIO to ABOUT",
        "ALTER TABLE users ALTER COLUMN bio RENAME TO about;         | renames column USERS.BIO to ABOUT",
        "ALTER TABLE users ALTER COLUMN bio TYPE TEXT;               | changes the type of column USERS.BIO",
        "ALTER TABLE users ALTER COLUMN bio SET DATA TYPE VARCHAR(20); | changes the type of column USERS.BIO",
        "ALTER TABLE users ADD COLUMN locale VARCHAR(8) NOT NULL;    | adds NOT NULL column USERS.LOCALE without a default",
        "ALTER TABLE users ADD nick VARCHAR(8) NOT NULL, ADD x INT;  | adds NOT NULL column USERS.NICK without a default",
        "ALTER TABLE users ALTER COLUMN bio SET NOT NULL;            | makes existing column USERS.BIO NOT NULL",
      })
  void eachBreakingChangeIsRefused(String sql, String refusal) {
    var problems = ChangelogLint.violations(with(plain("conduit:0009-change", sql)), Set.of());

    assertThat(problems).hasSize(1);
    assertThat(problems.get(0))
        .startsWith("0009.sql conduit:0009-change: " + refusal + " breaks the running release")
        .contains("labels:contract", "contract-of", "RUNBOOK");
  }

  @Test
  void aStatementSpreadOverLinesWithCommentsIsStillSeen() {
    String sql =
        """
        ALTER TABLE "users"   -- the accounts
          DROP
            COLUMN "bio";
        """;
    assertThat(ChangelogLint.violations(with(plain("conduit:0009-x", sql)), Set.of()))
        .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
        .contains("drops column USERS.BIO");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "ALTER TABLE users ADD COLUMN token_version INTEGER NOT NULL DEFAULT 0;",
        "ALTER TABLE users ADD COLUMN locale VARCHAR(8);",
        "CREATE UNIQUE INDEX users_username_lower_key ON users (LOWER(username));",
        "CREATE TABLE drafts (id BIGINT NOT NULL PRIMARY KEY, body VARCHAR(100) NOT NULL);",
        "ALTER TABLE users DROP CONSTRAINT users_username_key;",
        "ALTER TABLE users ALTER COLUMN bio DROP NOT NULL;",
        "ALTER TABLE users ALTER COLUMN image SET DEFAULT NULL;",
        "ALTER TABLE users ADD CONSTRAINT bio_short CHECK (length(bio) < 100) NOT VALID;",
        "CREATE INDEX CONCURRENTLY articles_title_idx ON articles (title);",
      })
  void additiveChangesPass(String sql) {
    assertThat(ChangelogLint.violations(with(plain("conduit:0009-add", sql)), Set.of())).isEmpty();
  }

  @Test
  void rollbackLinesAreNotChecked() {
    String file =
        """
        --liquibase formatted sql

        --changeset conduit:0009-drafts
        CREATE TABLE drafts (id BIGINT PRIMARY KEY);
        --rollback DROP TABLE drafts;
        """;
    assertThat(ChangelogLint.violations(ChangelogLint.parse("0009.sql", file), Set.of())).isEmpty();
  }

  // ---- expand/contract ------------------------------------------------------------------------

  private static final String EXPAND =
      """
      --changeset conduit:0009-users-add-about
      ALTER TABLE users ADD COLUMN about VARCHAR(10000);
      --rollback ALTER TABLE users DROP COLUMN about;
      """;

  private static final String CONTRACT =
      """
      --changeset conduit:0010-users-drop-bio labels:contract
      -- contract-of: conduit:0009-users-add-about
      ALTER TABLE users DROP COLUMN bio;
      --rollback ALTER TABLE users ADD COLUMN bio VARCHAR(10000);
      """;

  @Test
  void aContractStepWhoseExpandStepShippedPasses() {
    var changelog = parse(EXPAND + CONTRACT);
    assertThat(ChangelogLint.violations(changelog, Set.of("conduit:0009-users-add-about")))
        .isEmpty();
  }

  @Test
  void aContractStepShippedTogetherWithItsExpandStepIsRefused() {
    var changelog = parse(EXPAND + CONTRACT);
    assertThat(ChangelogLint.violations(changelog, Set.of()))
        .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
        .contains("drops column USERS.BIO", "has not shipped yet: release the expand step first");
  }

  @Test
  void aContractLabelWithoutItsExpandStepIsRefused() {
    String noExpand = CONTRACT.replace("-- contract-of: conduit:0009-users-add-about\n", "");
    assertThat(ChangelogLint.violations(parse(EXPAND + noExpand), Set.of("conduit:0009-x")))
        .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
        .contains("labelled contract but names no expand step");
  }

  @Test
  void aContractOfAnUnknownChangesetIsRefused() {
    String unknown = CONTRACT.replace("0009-users-add-about", "0003-nonexistent");
    assertThat(
            ChangelogLint.violations(parse(EXPAND + unknown), Set.of("conduit:0003-nonexistent")))
        .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
        .contains("is not an earlier changeset");
  }

  @Test
  void labelsAreReadAmongOtherAttributes() {
    var cs =
        ChangelogLint.parse(
                "x.sql",
                "--changeset conduit:0011 runOnChange:false labels:\"expand,contract\" context:prod\n"
                    + "SELECT 1;\n")
            .get(0);
    assertThat(cs.labels()).containsExactly("expand", "contract");
    assertThat(cs.isContract()).isTrue();
  }

  private static String plain(String id, String sql) {
    return "--changeset " + id + "\n" + sql + "\n--rollback SELECT 1;\n";
  }

  private static List<ChangelogLint.Changeset> with(String changeset) {
    return ChangelogLint.parse("0009.sql", "--liquibase formatted sql\n\n" + changeset);
  }

  private static List<ChangelogLint.Changeset> parse(String text) {
    return ChangelogLint.parse("changes.sql", "--liquibase formatted sql\n\n" + text);
  }
}
