package dev.conduit.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code kubectl kustomize DIR}: the manifests {@code kubectl apply -k DIR} would send, rendered by
 * the real kustomize built into kubectl (scripts/test installs Debian's kubernetes-client when
 * kubectl is missing).
 */
final class Kustomize {
  private Kustomize() {}

  static List<JsonNode> render(Path dir) {
    try {
      Path err = Files.createTempFile("kustomize-", ".err");
      Process p =
          new ProcessBuilder("kubectl", "kustomize", dir.toString())
              .redirectError(err.toFile())
              .start();
      String yaml = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(p.waitFor(1, TimeUnit.MINUTES)).isTrue();
      assertThat(p.exitValue())
          .as("kubectl kustomize %s:%n%s", dir, Files.readString(err))
          .isZero();
      Files.delete(err);
      try (MappingIterator<JsonNode> docs = Repo.YAML.readerFor(JsonNode.class).readValues(yaml)) {
        return docs.readAll().stream().filter(d -> !d.isNull() && !d.isMissingNode()).toList();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static List<JsonNode> render(String dir) {
    return render(Repo.root().resolve(dir));
  }

  static JsonNode one(List<JsonNode> docs, String kind) {
    List<JsonNode> found = docs.stream().filter(d -> kind.equals(d.path("kind").asText())).toList();
    assertThat(found).as("one %s", kind).hasSize(1);
    return found.get(0);
  }

  static <T> T as(JsonNode doc, Class<T> type) {
    try {
      return Repo.YAML.treeToValue(doc, type);
    } catch (IOException e) {
      throw new AssertionError(doc.path("kind") + " does not parse as " + type.getSimpleName(), e);
    }
  }
}
