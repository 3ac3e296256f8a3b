package dev.conduit.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;

/** Heroku's Procfile: one "type: command" per line. */
record Procfile(Map<String, String> processes) {

  static Procfile read() {
    Map<String, String> processes = new LinkedHashMap<>();
    for (String line : Repo.read("Procfile").lines().toList()) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      int colon = line.indexOf(':');
      assertThat(colon).as("Procfile line %s", line).isPositive();
      String type = line.substring(0, colon).strip();
      assertThat(type).matches("[a-z][a-z0-9_-]*");
      assertThat(processes.put(type, line.substring(colon + 1).strip()))
          .as("process type %s declared twice", type)
          .isNull();
    }
    return new Procfile(processes);
  }

  String command(String type) {
    String command = processes.get(type);
    assertThat(command).as("Procfile has a %s process", type).isNotBlank();
    return command;
  }
}
