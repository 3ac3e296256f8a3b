package dev.conduit.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The workflow's test job, step by step, the way a GitHub runner runs it: a fresh checkout of HEAD,
 * every {@code run:} step in order through {@code bash -eo pipefail}, as a non-root user with
 * passwordless sudo, with the workflow's and job's {@code env:}. The {@code uses:} steps are stood
 * in for: checkout is the clone, setup-java is this JDK (its Maven cache is a copy of the local
 * repository), upload-artifact must find its path.
 *
 * <p>The test-suite step ({@code id: tests}, {@code scripts/test}) runs with a one-test selection
 * appended: running the whole suite inside the suite would double {@code make test}'s time, and
 * what this test must show is that the step gets through installing and provisioning (PostgreSQL,
 * Redis, packages) as that user and into Maven's test phases, and that the jar the later steps ship
 * is the one it built. The full suite is what {@code make test} itself runs.
 */
class CiWorkflowIT {
  private static final List<String> RUNNER_NETWORK_ENV =
      List.of(
          "NODE_EXTRA_CA_CERTS",
          "SSL_CERT_FILE",
          "SSL_CERT_DIR",
          "http_proxy",
          "https_proxy",
          "no_proxy",
          "HTTP_PROXY",
          "HTTPS_PROXY",
          "NO_PROXY");

  static final String USER = "conduit-ci";
  static final String SELECTION =
      " -Dtest=SlugsTest -Dit.test=ConfigCommandsIT"
          + " -Dsurefire.failIfNoSpecifiedTests=false -Dfailsafe.failIfNoSpecifiedTests=false";

  @Test
  void theTestJobPassesAsANonRootUserWithPasswordlessSudo() throws Exception {
    JsonNode workflow = Repo.yaml(".github/workflows/ci.yml");
    JsonNode job = workflow.at("/jobs/build");
    Path work = Files.createTempDirectory("conduit-ci-");
    Path sudoers = Path.of("/etc/sudoers.d/" + USER);
    try {
      Path workspace = work.resolve("workspace");
      Path home = work.resolve("home");
      String head = sh(Repo.root(), "git rev-parse HEAD").strip();
      sh(work, "git clone -q --no-checkout " + Repo.root() + " " + workspace);
      sh(workspace, "git checkout -q --detach " + head);
      Files.createDirectories(home.resolve(".m2"));
      sh(
          work,
          "cp -R "
              + System.getProperty("conduit.localRepository")
              + " "
              + home
              + "/.m2/repository");
      Files.createDirectories(work.resolve("tmp"));
      Files.writeString(work.resolve("github_env"), "");

      List<String> runAs = runnerUser(sudoers, home);
      if (!runAs.isEmpty()) {
        sh(work, "chown -R " + USER + ":" + USER + " " + work);
      }
      work.toFile().setReadable(true, false);
      work.toFile().setExecutable(true, false);

      Map<String, String> env = new HashMap<>();
      env.put(
          "PATH", Path.of(System.getProperty("java.home"), "bin") + ":" + System.getenv("PATH"));
      env.put("HOME", home.toString());
      // The runner's network settings (its trust store and proxy), as a hosted runner has its own:
      // without them npm, apt and Maven cannot reach their registries from this machine.
      for (String name : RUNNER_NETWORK_ENV) {
        Optional.ofNullable(System.getenv(name)).ifPresent(value -> env.put(name, value));
      }
      env.put("CI", "true");
      env.put("GITHUB_ACTIONS", "true");
      env.put("GITHUB_WORKSPACE", workspace.toString());
      env.put("GITHUB_ENV", work.resolve("github_env").toString());
      env.put("GITHUB_REPOSITORY", "Conduit/Conduit");
      env.put("GITHUB_SHA", head);
      env.put("RUNNER_TEMP", work.resolve("tmp").toString());
      addEnv(env, workflow.path("env"));
      addEnv(env, job.path("env"));

      Shell.Result who =
          Shell.run(
              runAs,
              "id -u && sudo -n true && echo sudo-ok",
              env,
              workspace,
              Duration.ofMinutes(1));
      assertThat(who.output().lines().toList()).doesNotContain("0").contains("sudo-ok");

      List<String> ran = new ArrayList<>();
      int index = 0;
      for (JsonNode step : job.path("steps")) {
        String uses = step.path("uses").asText("");
        String name = step.path("name").asText(uses);
        if (uses.startsWith("actions/checkout@")) {
          assertThat(index).as("checkout comes first").isZero();
        } else if (uses.startsWith("actions/setup-java@")) {
          assertThat(step.at("/with/java-version").asText()).isEqualTo("17");
          assertThat(Runtime.version().feature()).isEqualTo(17);
        } else if (uses.startsWith("actions/upload-artifact@")) {
          if (!step.path("if").asText().contains("failure()")) {
            for (String path : step.at("/with/path").asText().strip().split("\n")) {
              assertThat(workspace.resolve(path.strip())).as("%s uploads", name).exists();
            }
          }
        } else if (step.has("run")) {
          Map<String, String> stepEnv = new HashMap<>(env);
          addEnv(stepEnv, step.path("env"));
          String script = step.path("run").asText();
          if ("tests".equals(step.path("id").asText())) {
            assertThat(script.strip()).isEqualTo("scripts/test");
            script = script.strip() + SELECTION;
          }
          Shell.Result r =
              Shell.run(
                  runAs,
                  "exec bash --noprofile --norc -eo pipefail -c " + quote(script),
                  stepEnv,
                  workspace,
                  Duration.ofMinutes(20));
          assertThat(r.exitCode()).as("step '%s':%n%s", name, r.output()).isZero();
          if ("tests".equals(step.path("id").asText())) {
            assertThat(r.output()).contains("Tests run:").contains("BUILD SUCCESS");
          }
          ran.add(name);
        } else {
          throw new AssertionError("a step this test cannot stand in for: " + step);
        }
        index++;
      }
      assertThat(ran).as("run: steps executed").isNotEmpty();
    } finally {
      Shell.run(
          List.of(),
          "rm -rf " + work + " " + sudoers,
          Map.of(),
          Path.of("/"),
          Duration.ofMinutes(2));
    }
  }

  /** Ourselves when not root (then sudo must work); else a runner-like user made for the test. */
  private static List<String> runnerUser(Path sudoers, Path home) throws Exception {
    if (!NonRootUser.testsRunAsRoot()) {
      return List.of();
    }
    // Java (and so Maven) takes user.home from the user database, not $HOME.
    if (NonRootUser.exec(Map.of(), "id", "-u", USER) == 0) {
      assertThat(NonRootUser.exec(Map.of(), "usermod", "--home", home.toString(), USER)).isZero();
    }
    if (NonRootUser.exec(Map.of(), "id", "-u", USER) != 0) {
      assertThat(
              NonRootUser.exec(
                  Map.of(),
                  "useradd",
                  "--system",
                  "--user-group",
                  "--no-create-home",
                  "--home-dir",
                  home.toString(),
                  "--shell",
                  "/bin/bash",
                  USER))
          .isZero();
    }
    Files.writeString(sudoers, USER + " ALL=(ALL) NOPASSWD:ALL\n");
    sh(Path.of("/"), "chmod 0440 " + sudoers);
    return List.of("setpriv", "--reuid=" + USER, "--regid=" + USER, "--init-groups", "--");
  }

  private static void addEnv(Map<String, String> env, JsonNode vars) {
    vars.fields()
        .forEachRemaining(
            e -> {
              assertThat(e.getValue().asText())
                  .as("no expressions this test cannot evaluate")
                  .doesNotContain("${{");
              env.put(e.getKey(), e.getValue().asText());
            });
  }

  private static String sh(Path dir, String command) {
    Shell.Result r = Shell.run(List.of(), command, Map.of(), dir, Duration.ofMinutes(5));
    assertThat(r.exitCode()).as("%s:%n%s", command, r.output()).isZero();
    return r.output();
  }

  private static String quote(String s) {
    return "'" + s.replace("'", "'\\''") + "'";
  }
}
