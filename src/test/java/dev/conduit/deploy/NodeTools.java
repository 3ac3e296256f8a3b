package dev.conduit.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The Node.js linters and parsers in src/test/node (versions pinned by its package-lock.json;
 * scripts/test installs Node.js and runs {@code npm ci} there). Missing, they fail the test with
 * the command that installs them: they never skip.
 */
final class NodeTools {
  private static final Path DIR = Path.of("src", "test", "node");

  private NodeTools() {}

  /** The Dockerfile as dockerfile-ast parses it, and dockerfile-utils' findings (every rule on). */
  static DockerfileTest.Parsed dockerfile(Path dockerfile) {
    JsonNode out = run("dockerfile.js", dockerfile.toAbsolutePath().toString());
    List<DockerfileTest.Stage> stages = new ArrayList<>();
    for (JsonNode stage : out.path("stages")) {
      List<DockerfileTest.Instruction> instructions = new ArrayList<>();
      for (JsonNode i : stage.path("instructions")) {
        instructions.add(
            new DockerfileTest.Instruction(i.path("keyword").asText(), i.path("args").asText()));
      }
      stages.add(
          new DockerfileTest.Stage(
              stage.path("from").asText(),
              stage.path("name").isNull() ? null : stage.path("name").asText(),
              instructions));
    }
    List<JsonNode> problems = new ArrayList<>();
    out.path("problems").forEach(problems::add);
    return new DockerfileTest.Parsed(stages, problems);
  }

  private static JsonNode run(String script, String argument) {
    Path root = Repo.root();
    if (!Files.isDirectory(root.resolve(DIR).resolve("node_modules"))) {
      throw new IllegalStateException(
          DIR
              + "/node_modules is missing: run the tests with `make test` (scripts/test runs"
              + " `npm ci --prefix "
              + DIR
              + "`)");
    }
    Shell.Result r =
        Shell.run(
            "node " + DIR.resolve(script) + " '" + argument + "'", Map.of(), Duration.ofMinutes(1));
    if (r.exitCode() != 0) {
      throw new IllegalStateException(script + " failed:\n" + r.output());
    }
    try {
      return Repo.JSON.readTree(r.output());
    } catch (IOException e) {
      throw new UncheckedIOException(script + " printed no JSON:\n" + r.output(), e);
    }
  }
}
