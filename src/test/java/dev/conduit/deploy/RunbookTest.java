package dev.conduit.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** RUNBOOK.md covers what operators need, and every file it names exists. */
class RunbookTest {
  private final String runbook = Repo.read("RUNBOOK.md");

  @Test
  void hasEverySection() {
    List<String> headings = Runbook.headings();
    for (String required :
        List.of(
            "## First deploy",
            "### Heroku",
            "### Docker Compose",
            "### Kubernetes",
            "### AWS ECS",
            "### Google Cloud Run",
            "## Routine deploy",
            "## Rollback",
            "### Code",
            "### Schema",
            "## Zero-downtime migration policy",
            "## Backups and restore",
            "## Disaster recovery targets",
            "## Alerts")) {
      assertThat(headings).as("a heading %s...", required).anyMatch(h -> h.startsWith(required));
    }
    assertThat(runbook).contains("RPO", "RTO");
  }

  @Test
  void everyPathItNamesExists() {
    Matcher m =
        Pattern.compile(
                "`((?:scripts|deploy|src|\\.github|\\.ci)/[\\w./-]*[\\w-]|[\\w.-]+\\.(?:yml|json|properties|md)|Procfile|Dockerfile|\\.dockerignore)")
            .matcher(runbook);
    Set<String> paths = new LinkedHashSet<>();
    while (m.find()) {
      paths.add(m.group(1));
    }
    assertThat(paths)
        .contains("scripts/backup", "scripts/restore", "Procfile", "deploy/k8s/migrate/job.yaml");
    for (String p : paths) {
      if (p.endsWith("/k8s") || p.equals("deploy/k8s") || p.equals("deploy/k8s/migrate")) {
        assertThat(Repo.root().resolve(p)).isDirectory();
      } else if (!p.contains("*")) {
        assertThat(Repo.root().resolve(p)).as("RUNBOOK.md names %s", p).exists();
      }
    }
  }

  @Test
  void backupScriptsAreExecutableAndUseTheCustomFormat() {
    for (String script : new String[] {"scripts/backup", "scripts/restore", "scripts/split-jar"}) {
      assertThat(Files.isExecutable(Repo.file(script))).as(script).isTrue();
    }
    assertThat(Repo.read("scripts/backup")).contains("--format=custom");
    assertThat(Repo.read("scripts/restore")).contains("--single-transaction");
  }

  @Test
  void theMigrationCommandIsTheOneTheProcfileRuns() {
    assertThat(runbook).contains("db migrate config-prod.yml");
    assertThat(Procfile.read().command("release")).endsWith("db migrate config-prod.yml");
  }
}
