package dev.conduit.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conduit.support.Http;
import dev.conduit.support.Jar;
import dev.conduit.support.Users;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * {@code git push heroku main}, as close as this machine allows: a clean clone of HEAD, built by a
 * restatement of the Java buildpack's Maven step ({@code src/test/heroku/compile}: which Maven,
 * which command) as a non-root user with no {@code mvn} on the PATH, then the Procfile's {@code
 * release} and {@code web} lines run as written, as that user, from the build directory, against a
 * throw-away PostgreSQL.
 *
 * <p>Not reproduced: the buildpack's download of Maven (the same version's distribution comes from
 * the local Maven repository) and a cold cache (the build's Maven repository is seeded with a copy
 * of the local one, like the buildpack's cache on every build after the first; anything missing is
 * downloaded as on Heroku).
 */
class HerokuBuildIT {

  @Test
  void theBuildpackBuildsACleanCloneAsANonRootUserAndTheProcfileRuns() throws Exception {
    String mavenVersion = properties(Repo.read("system.properties")).getProperty("maven.version");
    assertThat(mavenVersion)
        .as("system.properties maven.version: without it the buildpack runs ./mvnw")
        .isNotBlank();
    assertThat(properties(Repo.read(".mvn/wrapper/maven-wrapper.properties")))
        .as("one Maven for ./mvnw and Heroku")
        .containsEntry("mavenVersion", mavenVersion);

    Path localRepo = Path.of(System.getProperty("conduit.localRepository"));
    Path distribution =
        localRepo.resolve(
            "org/apache/maven/apache-maven/%s/apache-maven-%s-bin.zip"
                .formatted(mavenVersion, mavenVersion));
    assertThat(distribution)
        .as("Maven %s's distribution (./mvnw installs it from there too)", mavenVersion)
        .isRegularFile();

    Path work = Files.createTempDirectory("conduit-heroku-");
    try {
      Path build = work.resolve("build");
      Path cache = work.resolve("cache");
      String head = git(Repo.root(), "rev-parse", "HEAD").strip();
      git(work, "clone", "-q", "--no-checkout", Repo.root().toString(), build.toString());
      git(build, "checkout", "-q", "--detach", head);
      Files.createDirectories(cache.resolve(".m2"));
      assertThat(
              NonRootUser.exec(
                  Map.of(),
                  "cp",
                  "-R",
                  localRepo.toString(),
                  cache.resolve(".m2/repository").toString()))
          .isZero();
      Path compile = Files.copy(Repo.file("src/test/heroku/compile"), work.resolve("compile"));
      Files.copy(distribution, work.resolve(distribution.getFileName()));
      Path bin = pathWithoutMaven(work.resolve("bin"));
      List<String> runAs = NonRootUser.runAs();
      NonRootUser.own(work);
      work.toFile().setExecutable(true, false);
      work.toFile().setReadable(true, false);

      Map<String, String> env = new HashMap<>();
      env.put("PATH", Path.of(System.getProperty("java.home"), "bin") + ":" + bin);
      env.put("HOME", build.toString());
      env.put("MAVEN_DISTRIBUTION", work.resolve(distribution.getFileName()).toString());

      Shell.Result who =
          Shell.run(
              runAs, "id -u; command -v mvn || echo no-mvn", env, build, Duration.ofMinutes(1));
      assertThat(who.output().lines().toList())
          .as("the build runs as a non-root user without mvn on the PATH")
          .doesNotContain("0")
          .contains("no-mvn");

      Shell.Result compiled =
          Shell.run(
              runAs,
              "bash " + compile + " " + build + " " + cache,
              env,
              build,
              Duration.ofMinutes(15));
      assertThat(compiled.exitCode()).as("buildpack build:%n%s", compiled.output()).isZero();
      assertThat(compiled.output())
          .contains("buildpack: installing Maven " + mavenVersion)
          .contains("clean dependency:list install")
          .contains("BUILD SUCCESS");
      assertThat(build.resolve("target/app.jar")).isRegularFile();
      assertThat(build.resolve("target/app.jsa")).as("the class-data archive").isRegularFile();

      // The slug runs from /app, not from the build directory: the archive must map there too.
      Path app = Files.move(build, work.resolve("app"));
      runTheProcfile(runAs, app, bin, new ClassDataSharing(work));
    } finally {
      NonRootUser.exec(Map.of(), "rm", "-rf", work.toString());
    }
  }

  /** Heroku's release phase, then a web dyno, with the lines exactly as the Procfile has them. */
  private static void runTheProcfile(List<String> runAs, Path build, Path bin, ClassDataSharing cds)
      throws Exception {
    Procfile procfile = Procfile.read();
    try (ThrowAwayPostgres db = ThrowAwayPostgres.create()) {
      int port = Jar.freePort();
      Map<String, String> env = HerokuProcfileIT.herokuEnv(db, port);
      env.put("PATH", Path.of(System.getProperty("java.home"), "bin") + ":" + bin);
      env.put("HOME", build.toString()); // /app on a dyno: the build directory
      // the web line maps the archive or does not start
      HerokuProcfileIT.setJavaOpts(env, cds.javaOpts());

      Shell.Result release =
          Shell.run(runAs, procfile.command("release"), env, build, Duration.ofMinutes(3));
      assertThat(release.exitCode()).as("release:%n%s", release.output()).isZero();

      try (Shell web = Shell.start(runAs, procfile.command("web"), env, build)) {
        Liveness.await(
            () -> Liveness.isUp(port),
            web::isAlive,
            Duration.ofSeconds(60),
            () -> "web:\n" + web.output());
        Users.register(new Http("http://127.0.0.1:" + port + "/api"), "built");
        cds.assertServedFromTheArchive();
        web.terminate();
        web.waitFor(Duration.ofSeconds(60));
      }
    }
  }

  /**
   * A directory of links to every command of the usual PATH but Maven's: what the Heroku build
   * image offers (its JDK is put first on the PATH separately).
   */
  private static Path pathWithoutMaven(Path bin) throws IOException {
    Files.createDirectories(bin);
    Set<String> maven = Set.of("mvn", "mvnDebug", "mvnyjp");
    for (String dir : List.of("/usr/local/bin", "/usr/bin", "/bin", "/usr/sbin", "/sbin")) {
      Path d = Path.of(dir);
      if (!Files.isDirectory(d)) {
        continue;
      }
      try (Stream<Path> entries = Files.list(d)) {
        for (Path e : entries.toList()) {
          Path link = bin.resolve(e.getFileName().toString());
          if (!maven.contains(e.getFileName().toString()) && !Files.exists(link)) {
            Files.createSymbolicLink(link, e);
          }
        }
      }
    }
    return bin;
  }

  private static String git(Path dir, String... args) {
    Shell.Result r =
        Shell.run(List.of(), "git " + String.join(" ", args), Map.of(), dir, Duration.ofMinutes(2));
    assertThat(r.exitCode()).as("git %s:%n%s", String.join(" ", args), r.output()).isZero();
    return r.output();
  }

  private static Properties properties(String text) throws IOException {
    Properties p = new Properties();
    p.load(new StringReader(text));
    return p;
  }
}
