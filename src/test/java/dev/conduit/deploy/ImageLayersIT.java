package dev.conduit.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The image's two layers without a Docker engine: {@code scripts/split-jar} (what the Dockerfile's
 * layers stage runs) on the built jar, then the Dockerfile's ENTRYPOINT with /app mapped to the
 * result: it migrates a real database and validates the production configuration. The dependency
 * layer is the same, byte for byte, however often it is made, so it is not re-shipped.
 */
class ImageLayersIT {

  @Test
  void theLayeredImageRunsAndItsDependencyLayerIsReproducible() throws Exception {
    Path work = Files.createTempDirectory("conduit-layers-");
    try {
      split(work.resolve("a"));
      split(work.resolve("b"));
      assertThat(treeDigest(work.resolve("a/lib"))).isEqualTo(treeDigest(work.resolve("b/lib")));
      assertThat(work.resolve("a/lib/dev/conduit")).doesNotExist();
      assertThat(work.resolve("a/classes/dev/conduit/ConduitApplication.class")).isRegularFile();
      assertThat(work.resolve("a/classes/migrations.xml")).isRegularFile();
      assertThat(size(work.resolve("a/classes"))).as("the per-commit layer").isLessThan(5L << 20);

      List<String> entry = entryPoint(work.resolve("a"));
      try (ThrowAwayPostgres db = ThrowAwayPostgres.create()) {
        String migrate =
            String.join(" ", entry) + " db migrate " + Repo.root().resolve("config-prod.yml");
        Shell.Result r =
            Shell.run(migrate, Map.of("DATABASE_URL", db.platformUrl()), Duration.ofMinutes(3));
        assertThat(r.exitCode()).as(r.output()).isZero();
        String check = String.join(" ", entry) + " check " + Repo.root().resolve("config-prod.yml");
        Map<String, String> noHosts =
            Map.of("DATABASE_URL", db.platformUrl(), "JWT_SECRET", ThrowAwayPostgres.randomHex(32));
        Map<String, String> complete = new HashMap<>(noHosts);
        complete.put("ALLOWED_HOSTS", "conduit.example.com");
        Shell.Result c = Shell.run(check, complete, Duration.ofMinutes(2));
        assertThat(c.exitCode()).as(c.output()).isZero();
        // And it is this code that answers: a refusal in our one-line form (stderr, unbuffered;
        // "Configuration is OK" goes through the async log appender and can be lost at exit).
        Shell.Result refused = Shell.run(check, noHosts, Duration.ofMinutes(2));
        assertThat(refused.exitCode()).isNotZero();
        assertThat(refused.output())
            .contains("config-prod.yml: ALLOWED_HOSTS is not set")
            .doesNotContain("\tat ");
      }
    } finally {
      // Generous: on a shared disk under load, removing the two image trees took over a minute.
      Shell.run("rm -rf " + work, Map.of(), Duration.ofMinutes(5));
    }
  }

  private static void split(Path out) {
    Shell.Result r =
        Shell.run("scripts/split-jar target/app.jar " + out, Map.of(), Duration.ofMinutes(2));
    assertThat(r.exitCode()).as(r.output()).isZero();
  }

  /** The Dockerfile's ENTRYPOINT, with the image's /app at {@code app}. */
  private static List<String> entryPoint(Path app) throws IOException {
    List<DockerfileTest.Stage> stages = DockerfileTest.DOCKERFILE.stages();
    String line = stages.get(stages.size() - 1).all("ENTRYPOINT").get(0);
    List<String> argv = new ArrayList<>();
    for (JsonNode a : Repo.JSON.readTree(line)) {
      argv.add(a.asText().replace("/app/", app + "/"));
    }
    return argv;
  }

  /** Paths, modification times and contents: what a layer's digest depends on. */
  private static String treeDigest(Path root) throws Exception {
    MessageDigest md = MessageDigest.getInstance("SHA-256");
    try (Stream<Path> files = Files.walk(root)) {
      for (Path p : files.sorted().toList()) {
        md.update(root.relativize(p).toString().getBytes());
        md.update(Long.toString(Files.getLastModifiedTime(p).toMillis()).getBytes());
        if (Files.isRegularFile(p)) {
          try (InputStream in = Files.newInputStream(p)) {
            md.update(in.readAllBytes());
          }
        }
      }
    }
    return HexFormat.of().formatHex(md.digest());
  }

  private static long size(Path root) throws IOException {
    try (Stream<Path> files = Files.walk(root)) {
      return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
    }
  }
}
