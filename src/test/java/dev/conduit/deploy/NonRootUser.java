package dev.conduit.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Runs commands as an ordinary user, as build and CI platforms do (Heroku builds as a non-root
 * user; GitHub's runners are a non-root user with passwordless sudo). When the tests run as root
 * (CI here), a system user is created once and commands go through {@code setpriv}; when they
 * already run as someone else, that user is the non-root user.
 */
final class NonRootUser {
  static final String NAME = "conduit-build";

  private NonRootUser() {}

  static boolean testsRunAsRoot() {
    return "root".equals(System.getProperty("user.name"));
  }

  /** The argv prefix that runs a command as the non-root user (empty when we are one). */
  static List<String> runAs() {
    if (!testsRunAsRoot()) {
      return List.of();
    }
    if (exec(Map.of(), "id", "-u", NAME) != 0) {
      int rc =
          exec(
              Map.of(),
              "useradd",
              "--system",
              "--user-group",
              "--no-create-home",
              "--shell",
              "/bin/bash",
              NAME);
      assertThat(rc).as("useradd %s", NAME).isZero();
    }
    return List.of("setpriv", "--reuid=" + NAME, "--regid=" + NAME, "--init-groups", "--");
  }

  /** Hands {@code dir} (recursively) to the non-root user, when we are root. */
  static void own(Path dir) {
    if (testsRunAsRoot()) {
      assertThat(exec(Map.of(), "chown", "-R", NAME + ":" + NAME, dir.toString())).isZero();
    }
  }

  static int exec(Map<String, String> env, String... argv) {
    Shell.Result r =
        Shell.run(List.of(), String.join(" ", argv), env, Path.of("/"), Duration.ofMinutes(5));
    return r.exitCode();
  }
}
