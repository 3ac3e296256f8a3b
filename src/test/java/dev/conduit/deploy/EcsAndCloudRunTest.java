package dev.conduit.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.LinkedHashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** ECS and Cloud Run agree with config-prod.yml and with the Kubernetes Deployment. */
class EcsAndCloudRunTest {
  private final ProdConfig config = ProdConfig.load();
  private final Container k8s =
      Repo.yaml("deploy/k8s/deployment.yaml", Deployment.class)
          .getSpec()
          .getTemplate()
          .getSpec()
          .getContainers()
          .get(0);
  private final JsonNode task = Repo.json("deploy/ecs/task-definition.json");
  private final JsonNode ecs = task.path("containerDefinitions").get(0);
  private final JsonNode run = Repo.yaml("deploy/cloudrun/service.yaml");
  private final JsonNode runContainer = run.at("/spec/template/spec/containers/0");

  @Test
  void ecsExposesTheSamePortsAsKubernetes() {
    Set<Integer> ports = new LinkedHashSet<>();
    ecs.path("portMappings").forEach(p -> ports.add(p.path("containerPort").asInt()));
    assertThat(ports)
        .containsExactlyInAnyOrderElementsOf(KubernetesManifestsTest.ports(k8s).values());
    assertThat(ports).containsExactlyInAnyOrder(config.appPort(), config.adminPort());
  }

  @Test
  void ecsEnvironmentAndSecretsMatchConfigProd() {
    Set<String> plain = new LinkedHashSet<>();
    ecs.path("environment").forEach(e -> plain.add(e.path("name").asText()));
    Set<String> secrets = new LinkedHashSet<>();
    ecs.path("secrets")
        .forEach(
            e -> {
              secrets.add(e.path("name").asText());
              assertThat(e.path("valueFrom").asText()).startsWith("arn:aws:secretsmanager:");
            });
    Set<String> all = new LinkedHashSet<>(plain);
    all.addAll(secrets);
    assertThat(config.unknown(all)).isEmpty();
    assertThat(config.missingWhenProviding(all)).isEmpty();
    assertThat(secrets)
        .as("credentials come from Secrets Manager, never inline")
        .containsAll(all.stream().filter(ProdConfig::isSecret).toList());
    assertThat(plain).noneMatch(ProdConfig::isSecret);
    assertThat(all)
        .as("same names as the Kubernetes container")
        .containsExactlyInAnyOrderElementsOf(KubernetesManifestsTest.renderedAppEnvNames());
  }

  @Test
  void ecsHealthCheckAndLoadBalancerUseTheProbePaths() {
    assertThat(ecs.at("/healthCheck/command").toString())
        .contains("127.0.0.1:" + config.appPort() + "/health/live");
    assertThat(ecs.at("/healthCheck/timeout").asInt())
        .isEqualTo(k8s.getLivenessProbe().getTimeoutSeconds());
    assertThat(ecs.at("/healthCheck/startPeriod").asInt())
        .isEqualTo(
            k8s.getStartupProbe().getPeriodSeconds() * k8s.getStartupProbe().getFailureThreshold());
    JsonNode tg = Repo.json("deploy/ecs/target-group.json");
    assertThat(tg.path("HealthCheckPath").asText()).isEqualTo("/health/ready");
    assertThat(tg.path("Port").asInt()).isEqualTo(config.appPort());
    assertThat(tg.path("HealthCheckTimeoutSeconds").asInt())
        .isEqualTo(k8s.getReadinessProbe().getTimeoutSeconds());
  }

  @Test
  void ecsStopsAfterDrainAndRunsNonRootReadOnly() {
    assertThat(ecs.path("stopTimeout").asLong())
        .isGreaterThan(config.drainPeriod().toSeconds() + config.shutdownGracePeriod().toSeconds())
        .isLessThanOrEqualTo(120);
    assertThat(ecs.path("user").asText()).doesNotStartWith("root").doesNotStartWith("0");
    assertThat(ecs.path("readonlyRootFilesystem").asBoolean()).isTrue();
    assertThat(ecs.path("mountPoints").toString()).contains("\"/tmp\"");
    assertThat(ecs.path("command").toString()).contains("server").contains("config-prod.yml");
  }

  @Test
  void cloudRunServesTheAppPortWithTheSameProbesAndSecrets() {
    assertThat(run.path("apiVersion").asText()).isEqualTo("serving.knative.dev/v1");
    assertThat(run.path("kind").asText()).isEqualTo("Service");
    JsonNode ports = runContainer.path("ports");
    assertThat(ports.size()).as("Cloud Run routes exactly one port").isEqualTo(1);
    assertThat(ports.get(0).path("containerPort").asInt()).isEqualTo(config.appPort());
    assertThat(runContainer.at("/startupProbe/httpGet/path").asText()).isEqualTo("/health/live");
    assertThat(runContainer.at("/livenessProbe/httpGet/path").asText()).isEqualTo("/health/live");
    assertThat(runContainer.at("/livenessProbe/httpGet/port").asInt()).isEqualTo(config.appPort());
    assertThat(runContainer.at("/livenessProbe/timeoutSeconds").asInt())
        .isEqualTo(k8s.getLivenessProbe().getTimeoutSeconds());
    assertThat(
            run.at("/spec/template/metadata/annotations/autoscaling.knative.dev~1minScale").asInt())
        .isGreaterThanOrEqualTo(2);
  }

  @Test
  void cloudRunEnvironmentMatchesConfigProd() {
    Set<String> names = new LinkedHashSet<>();
    Set<String> secrets = new LinkedHashSet<>();
    runContainer
        .path("env")
        .forEach(
            e -> {
              names.add(e.path("name").asText());
              if (e.has("valueFrom")) {
                secrets.add(e.path("name").asText());
                assertThat(e.at("/valueFrom/secretKeyRef/key").asText()).isNotBlank();
              }
            });
    assertThat(names).as("Cloud Run sets PORT itself and rejects it").doesNotContain("PORT");
    names.add("PORT");
    assertThat(config.unknown(names)).isEmpty();
    assertThat(config.missingWhenProviding(names)).isEmpty();
    assertThat(secrets).containsAll(names.stream().filter(ProdConfig::isSecret).toList());
    assertThat(runContainer.path("env").toString())
        .as("only one routed port: the admin port stays on loopback")
        .contains("\"name\":\"ADMIN_BIND\",\"value\":\"127.0.0.1\"");
  }

  @Test
  void cloudRunDrainsAndStopsWithinItsTenSecondsAfterSigterm() {
    java.util.Map<String, String> env = new java.util.HashMap<>();
    runContainer
        .path("env")
        .forEach(
            e -> {
              if (e.has("value")) {
                env.put(e.path("name").asText(), e.path("value").asText());
              }
            });
    ProdConfig seen = config.withEnv(env);
    assertThat(seen.declaresDrainPeriod()).isTrue();
    assertThat(seen.drainPeriod().toSeconds() + seen.shutdownGracePeriod().toSeconds())
        .isLessThan(10);
  }

  /** Without awslogs-create-group the first task fails: the log group does not exist. */
  @Test
  void ecsCreatesItsLogGroupAndRunsATaggedImage() {
    JsonNode log = ecs.path("logConfiguration");
    assertThat(log.path("logDriver").asText()).isEqualTo("awslogs");
    assertThat(log.at("/options/awslogs-create-group").asText()).isEqualTo("true");
    assertThat(ecs.path("image").asText()).contains(":").doesNotEndWith(":latest");
  }

  /**
   * ECS takes a task out of the target group, waits the deregistration delay, then stops it. The
   * default delay (300 s) makes every deploy slow; the delay covers the service's own drain and
   * shutdown grace and fits inside stopTimeout.
   */
  @Test
  void ecsDeregistrationDelayFitsTheDrain() {
    JsonNode attributes = Repo.json("deploy/ecs/target-group-attributes.json");
    String delay = null;
    for (JsonNode a : attributes) {
      if (a.path("Key").asText().equals("deregistration_delay.timeout_seconds")) {
        delay = a.path("Value").asText();
      }
    }
    assertThat(delay).isNotNull();
    java.util.Map<String, String> env = new java.util.HashMap<>();
    ecs.path("environment")
        .forEach(e -> env.put(e.path("name").asText(), e.path("value").asText()));
    ProdConfig seen = config.withEnv(env);
    long stop = seen.drainPeriod().toSeconds() + seen.shutdownGracePeriod().toSeconds();
    assertThat(Long.parseLong(delay)).isEqualTo(stop);
    assertThat(Long.parseLong(delay)).isLessThan(ecs.path("stopTimeout").asLong());
    assertThat(Repo.read("RUNBOOK.md")).contains("file://deploy/ecs/target-group-attributes.json");
  }

  /** Cloud Run deploys from Artifact Registry, Container Registry or Docker Hub only. */
  @Test
  void cloudRunImageComesFromARegistryCloudRunAccepts() {
    String image = runContainer.path("image").asText();
    assertThat(image)
        .matches("([A-Za-z0-9-]+-docker\\.pkg\\.dev|(\\w+\\.)?gcr\\.io|docker\\.io)/.+:[\\w.-]+")
        .doesNotEndWith(":latest");
  }
}
