package dev.conduit.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.conduit.support.Jar;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Each target's environment, exactly as its file sets it (secret values from the example Secret or
 * realistic placeholders), fed to the service's own {@code check} command with config-prod.yml: the
 * configuration parses and passes validation (required variables, secret length, database URL,
 * durations, sizes). This catches what the static tests cannot know, such as a variable with an
 * empty default that validation nevertheless requires.
 */
class DeployTargetsCheckIT {

  /** What a secret store would hold, for names a file only references. */
  static String placeholder(String name) {
    return switch (name) {
      case "DATABASE_URL" -> "postgres://conduit:s3cret@db.internal:5432/conduit?sslmode=require";
      case "JDBC_DATABASE_URL" -> "jdbc:postgresql://db.internal:5432/conduit";
      case "REDIS_URL" -> "redis://:s3cret@redis.internal:6379";
      case "SENTRY_DSN" -> "https://key@sentry.example.com/1";
      case "ALLOWED_HOSTS" -> "conduit.example.com";
      default -> ThrowAwayPostgres.randomHex(32);
    };
  }

  static void assertChecks(String target, Map<String, String> env) {
    var result = Jar.run(env, "check", "config-prod.yml");
    assertThat(result.exitCode())
        .as("%s: `check config-prod.yml` with env %s:%n%s", target, env.keySet(), result.output())
        .isZero();
  }

  @Test
  void heroku() {
    Map<String, String> env = new LinkedHashMap<>();
    Repo.json("app.json")
        .path("env")
        .fields()
        .forEachRemaining(
            e -> {
              JsonNode v = e.getValue();
              env.put(
                  e.getKey(), v.has("value") ? v.get("value").asText() : placeholder(e.getKey()));
            });
    env.put("PORT", "5000");
    env.put("DATABASE_URL", placeholder("DATABASE_URL"));
    assertChecks("app.json", env);
  }

  @Test
  void compose() {
    JsonNode services = Repo.yaml("docker-compose.yml").path("services");
    for (String service : new String[] {"app", "migrate"}) {
      Map<String, String> env = new LinkedHashMap<>();
      services
          .path(service)
          .path("environment")
          .fields()
          .forEachRemaining(e -> env.put(e.getKey(), interpolate(e.getValue().asText())));
      assertChecks("docker-compose.yml " + service, env);
    }
  }

  @Test
  void kubernetes() {
    Secret secret = Repo.yaml("deploy/k8s/secret.example.yaml", Secret.class);
    Container app =
        Repo.yaml("deploy/k8s/deployment.yaml", Deployment.class)
            .getSpec()
            .getTemplate()
            .getSpec()
            .getContainers()
            .get(0);
    Container migrate =
        Repo.yaml("deploy/k8s/migrate-job.yaml", Job.class)
            .getSpec()
            .getTemplate()
            .getSpec()
            .getContainers()
            .get(0);
    for (Container c : new Container[] {app, migrate}) {
      Map<String, String> env = new LinkedHashMap<>();
      for (EnvVar e : c.getEnv()) {
        env.put(
            e.getName(),
            e.getValue() != null
                ? e.getValue()
                : secret.getStringData().get(e.getValueFrom().getSecretKeyRef().getKey()));
      }
      assertChecks("deploy/k8s " + c.getName(), env);
    }
  }

  @Test
  void ecs() {
    JsonNode c = Repo.json("deploy/ecs/task-definition.json").path("containerDefinitions").get(0);
    Map<String, String> env = new LinkedHashMap<>();
    c.path("environment").forEach(e -> env.put(e.path("name").asText(), e.path("value").asText()));
    c.path("secrets")
        .forEach(e -> env.put(e.path("name").asText(), placeholder(e.path("name").asText())));
    assertChecks("deploy/ecs", env);
  }

  @Test
  void cloudRun() {
    JsonNode c = Repo.yaml("deploy/cloudrun/service.yaml").at("/spec/template/spec/containers/0");
    Map<String, String> env = new LinkedHashMap<>();
    env.put("PORT", c.at("/ports/0/containerPort").asText()); // Cloud Run sets it
    c.path("env")
        .forEach(
            e ->
                env.put(
                    e.path("name").asText(),
                    e.has("value")
                        ? e.path("value").asText()
                        : placeholder(e.path("name").asText())));
    assertChecks("deploy/cloudrun", env);
  }

  /** Compose's ${VAR:-default} / ${VAR:?message} / ${VAR}, with operator-supplied values. */
  static String interpolate(String value) {
    Matcher m = Pattern.compile("\\$\\{(\\w+)(?::([-?])([^}]*))?}").matcher(value);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String replacement = "-".equals(m.group(2)) ? m.group(3) : placeholder(m.group(1));
      m.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    m.appendTail(out);
    return out.toString();
  }
}
