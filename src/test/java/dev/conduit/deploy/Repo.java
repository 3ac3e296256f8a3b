package dev.conduit.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Files of this repository, and strict readers for them (duplicate keys are errors). */
final class Repo {
  private Repo() {}

  static final ObjectMapper YAML =
      new ObjectMapper(new YAMLFactory().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION))
          .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);

  static final ObjectMapper JSON =
      new ObjectMapper()
          .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  /** The project directory (Maven runs tests there; basedir says so explicitly). */
  static Path root() {
    return Path.of(System.getProperty("basedir", ".")).toAbsolutePath().normalize();
  }

  static Path file(String relative) {
    Path p = root().resolve(relative);
    assertThat(p).as("%s must exist", relative).isRegularFile();
    return p;
  }

  static String read(String relative) {
    try {
      return Files.readString(file(relative), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static JsonNode yaml(String relative) {
    try {
      return YAML.readTree(read(relative));
    } catch (IOException e) {
      throw new AssertionError(relative + " is not valid YAML: " + e.getMessage(), e);
    }
  }

  /** app.json's config vars: name to declaration ({@code value}, {@code generator}, ...). */
  static Map<String, JsonNode> appJsonEnv() {
    Map<String, JsonNode> env = new LinkedHashMap<>();
    json("app.json").path("env").fields().forEachRemaining(e -> env.put(e.getKey(), e.getValue()));
    return env;
  }

  static JsonNode json(String relative) {
    try {
      return JSON.readTree(read(relative));
    } catch (IOException e) {
      throw new AssertionError(relative + " is not valid JSON: " + e.getMessage(), e);
    }
  }

  static <T> T yaml(String relative, Class<T> type) {
    try {
      return YAML.readValue(read(relative), type);
    } catch (IOException e) {
      throw new AssertionError(relative + " does not parse as " + type.getSimpleName(), e);
    }
  }

  static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      names.add(it.next());
    }
    return names;
  }
}
