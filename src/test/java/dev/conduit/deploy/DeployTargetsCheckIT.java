package dev.conduit.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.conduit.support.Jar;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Each platform's first deploy, as RUNBOOK.md's commands and the platform's files set the
 * environment: secrets get a value only when the RUNBOOK's commands create them (a name a file
 * references but no command creates stays unset, as it would on the platform). The service's own
 * {@code check config-prod.yml} must accept the serving environment (required variables, secret
 * strength, database URL, durations), and each migration must run {@code db migrate} with exactly
 * its own environment against a real PostgreSQL.
 */
class DeployTargetsCheckIT {

  /** A realistic value for a name a secret store (or the operator) holds. */
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

  /** {@code args} (image paths /app/...) with the migration's env, DATABASE_URL made real. */
  static void assertMigrates(String target, List<String> args, Map<String, String> env) {
    assertThat(args).as(target).startsWith("db", "migrate");
    assertThat(env).as("%s sets DATABASE_URL", target).containsKey("DATABASE_URL");
    try (ThrowAwayPostgres db = ThrowAwayPostgres.create()) {
      Map<String, String> real = new LinkedHashMap<>(env);
      real.put("DATABASE_URL", db.platformUrl());
      String[] argv = args.stream().map(a -> a.replace("/app/", "")).toArray(String[]::new);
      var result = Jar.run(real, argv);
      assertThat(result.exitCode())
          .as("%s: %s with env %s:%n%s", target, args, env.keySet(), result.output())
          .isZero();
    }
  }

  /** Names set by {@code heroku config:set NAME=...}, the add-on's DATABASE_URL and $PORT. */
  @Test
  void heroku() {
    Set<String> set = Runbook.names(Runbook.section("Heroku"), "\\s([A-Z][A-Z0-9_]*)=");
    assertThat(Runbook.section("Heroku")).contains("heroku addons:create heroku-postgresql");
    Map<String, String> env = new LinkedHashMap<>();
    set.forEach(n -> env.put(n, placeholder(n)));
    env.put("ADMIN_BIND", "127.0.0.1");
    env.put("DATABASE_URL", placeholder("DATABASE_URL"));
    env.put("PORT", "5000");
    assertChecks("RUNBOOK Heroku", env);

    // The deploy button: app.json's values, generated secrets and required inputs.
    Map<String, String> button = new LinkedHashMap<>();
    Repo.appJsonEnv()
        .forEach(
            (name, v) -> {
              if (v.has("value")) {
                button.put(name, v.get("value").asText());
              } else if (v.has("generator") || v.path("required").asBoolean()) {
                button.put(name, placeholder(name));
              }
            });
    button.put("PORT", "5000");
    button.put("DATABASE_URL", placeholder("DATABASE_URL"));
    assertChecks("app.json", button);
    assertMigrates(
        "Procfile release",
        List.of(
            Procfile.read().command("release").replaceAll(".*-jar target/app.jar ", "").split(" ")),
        Map.of("DATABASE_URL", "set-by-the-add-on"));
  }

  /** docker-compose.yml interpolated with what the RUNBOOK exports. */
  @Test
  void compose() {
    Set<String> exported =
        Runbook.names(Runbook.section("Docker Compose"), "\\s([A-Z][A-Z0-9_]*)=");
    JsonNode services = Repo.yaml("docker-compose.yml").path("services");
    Map<String, String> app = new LinkedHashMap<>();
    services
        .path("app")
        .path("environment")
        .fields()
        .forEachRemaining(e -> app.put(e.getKey(), interpolate(e.getValue().asText(), exported)));
    assertChecks("docker-compose.yml app", app);
    Map<String, String> migrate = new LinkedHashMap<>();
    services
        .path("migrate")
        .path("environment")
        .fields()
        .forEachRemaining(
            e -> migrate.put(e.getKey(), interpolate(e.getValue().asText(), exported)));
    List<String> command = Repo.YAML.convertValue(services.at("/migrate/command"), List.class);
    assertMigrates("docker-compose.yml migrate", command, migrate);
  }

  /** The rendered Deployment and Job, with the keys the RUNBOOK's Secret has. */
  @Test
  void kubernetes() {
    Set<String> secretKeys = Runbook.kubernetesSecretKeys();
    var rendered = Kustomize.render("deploy/k8s");
    Map<String, String> generated = new LinkedHashMap<>();
    Kustomize.one(rendered, "ConfigMap")
        .path("data")
        .fields()
        .forEachRemaining(e -> generated.put(e.getKey(), e.getValue().asText()));
    Container app = KubernetesManifestsTest.renderedApp();
    Map<String, String> env = new LinkedHashMap<>(generated);
    addEnv(app.getEnv(), secretKeys, env, "deploy/k8s app");
    assertChecks("deploy/k8s app", env);

    Container migrate =
        Kustomize.as(Kustomize.one(Kustomize.render("deploy/k8s/migrate"), "Job"), Job.class)
            .getSpec()
            .getTemplate()
            .getSpec()
            .getContainers()
            .get(0);
    Map<String, String> jobEnv = new LinkedHashMap<>();
    addEnv(migrate.getEnv(), secretKeys, jobEnv, "deploy/k8s migrate");
    assertMigrates("deploy/k8s migrate", migrate.getArgs(), jobEnv);
  }

  private static void addEnv(
      List<EnvVar> vars, Set<String> secretKeys, Map<String, String> env, String target) {
    for (EnvVar e : vars) {
      if (e.getValue() != null) {
        env.put(e.getName(), e.getValue());
      } else {
        String key = e.getValueFrom().getSecretKeyRef().getKey();
        assertThat(secretKeys).as("%s: RUNBOOK's secret has key %s", target, key).contains(key);
        env.put(e.getName(), placeholder(key));
      }
    }
  }

  /** The secrets RUNBOOK step 1 stores, by the names the task definition gives them. */
  @Test
  void ecs() {
    String section = Runbook.section("AWS ECS");
    Set<String> stored =
        Runbook.names(section.substring(0, section.indexOf("\n2.")), "`([A-Z][A-Z0-9_]*)`");
    JsonNode c = Repo.json("deploy/ecs/task-definition.json").path("containerDefinitions").get(0);
    Map<String, String> env = new LinkedHashMap<>();
    c.path("environment").forEach(e -> env.put(e.path("name").asText(), e.path("value").asText()));
    c.path("secrets")
        .forEach(
            e -> {
              String name = e.path("name").asText();
              assertThat(stored).as("RUNBOOK ECS step 1 stores %s", name).contains(name);
              env.put(name, placeholder(name));
            });
    assertChecks("deploy/ecs", env);
    assertMigrates(
        "ECS run-task",
        List.of("db", "migrate", "/app/config-prod.yml"),
        Map.of("DATABASE_URL", "from-secrets-manager"));
    assertThat(section).contains("\"command\":[\"db\",\"migrate\",\"/app/config-prod.yml\"]");
  }

  /** The Google secrets RUNBOOK creates, mapped as service.yaml and the job's flags say. */
  @Test
  void cloudRun() {
    String section = Runbook.section("Google Cloud Run");
    Set<String> created = Runbook.names(section, "gcloud secrets create ([a-z0-9-]+)");
    JsonNode c = Repo.yaml("deploy/cloudrun/service.yaml").at("/spec/template/spec/containers/0");
    Map<String, String> env = new LinkedHashMap<>();
    env.put("PORT", c.at("/ports/0/containerPort").asText()); // Cloud Run sets it
    c.path("env")
        .forEach(
            e -> {
              String name = e.path("name").asText();
              if (e.has("value")) {
                env.put(name, e.path("value").asText());
              } else {
                String secret = e.at("/valueFrom/secretKeyRef/name").asText();
                assertThat(created).as("RUNBOOK creates secret %s", secret).contains(secret);
                env.put(name, placeholder(name));
              }
            });
    assertChecks("deploy/cloudrun", env);

    Matcher job = Pattern.compile("--args=(\\S+) --set-secrets=(\\S+)").matcher(section);
    assertThat(job.find()).as("the migrate job's flags").isTrue();
    Map<String, String> jobEnv = new LinkedHashMap<>();
    for (String mapping : job.group(2).split(",")) {
      String[] kv = mapping.split("=");
      assertThat(created).contains(kv[1].replaceAll(":.*", ""));
      jobEnv.put(kv[0], placeholder(kv[0]));
    }
    assertMigrates("Cloud Run job", List.of(job.group(1).split(",")), jobEnv);
  }

  /**
   * Compose's ${VAR:-default} / ${VAR:?message} / ${VAR}: set when the operator exported it, else
   * the default, else empty (compose itself stops on ${VAR:?...}).
   */
  static String interpolate(String value, Set<String> exported) {
    Matcher m = Pattern.compile("\\$\\{(\\w+)(?::([-?])([^}]*))?}").matcher(value);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String name = m.group(1);
      String replacement;
      if (exported.contains(name)) {
        replacement = placeholder(name);
      } else if ("-".equals(m.group(2))) {
        replacement = m.group(3);
      } else {
        throw new AssertionError("compose stops: " + name + " is not exported in RUNBOOK.md");
      }
      m.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    m.appendTail(out);
    return out.toString();
  }
}
