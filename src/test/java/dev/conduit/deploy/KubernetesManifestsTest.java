package dev.conduit.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * deploy/k8s parsed into the real Kubernetes model classes (fabric8), then checked against
 * config-prod.yml: ports, probe paths, timings and environment names.
 */
class KubernetesManifestsTest {
  private static final String DIR = "deploy/k8s/";

  private final ProdConfig config = ProdConfig.load();
  private final Deployment deployment = Repo.yaml(DIR + "deployment.yaml", Deployment.class);
  private final PodSpec pod = deployment.getSpec().getTemplate().getSpec();
  private final Container app = pod.getContainers().get(0);

  static Map<String, Integer> ports(Container c) {
    return c.getPorts().stream()
        .collect(Collectors.toMap(ContainerPort::getName, ContainerPort::getContainerPort));
  }

  static Set<String> envNames(Container c) {
    return c.getEnv().stream()
        .map(EnvVar::getName)
        .collect(Collectors.toCollection(LinkedHashSet::new));
  }

  /** Every kind is what its file says, and the kustomization lists the files that exist. */
  @Test
  void everyManifestParsesAsItsKind() {
    assertThat(deployment.getKind()).isEqualTo("Deployment");
    assertThat(Repo.yaml(DIR + "service.yaml", Service.class).getKind()).isEqualTo("Service");
    assertThat(Repo.yaml(DIR + "hpa.yaml", HorizontalPodAutoscaler.class).getApiVersion())
        .isEqualTo("autoscaling/v2");
    assertThat(Repo.yaml(DIR + "pdb.yaml", PodDisruptionBudget.class).getApiVersion())
        .isEqualTo("policy/v1");
    assertThat(Repo.yaml(DIR + "migrate-job.yaml", Job.class).getApiVersion())
        .isEqualTo("batch/v1");
    assertThat(Repo.yaml(DIR + "networkpolicy.yaml", NetworkPolicy.class).getKind())
        .isEqualTo("NetworkPolicy");
    assertThat(Repo.yaml(DIR + "configmap.yaml", ConfigMap.class).getKind()).isEqualTo("ConfigMap");
    assertThat(Repo.yaml(DIR + "secret.example.yaml", Secret.class).getKind()).isEqualTo("Secret");
    for (var resource : Repo.yaml(DIR + "kustomization.yaml").path("resources")) {
      Repo.file(DIR + resource.asText());
    }
  }

  /** A misspelt field would land in fabric8's additionalProperties and be ignored by kubectl. */
  @Test
  void noManifestHasFieldsKubernetesDoesNotKnow() throws Exception {
    for (var entry :
        Map.<String, Class<?>>of(
                "deployment.yaml",
                Deployment.class,
                "service.yaml",
                Service.class,
                "hpa.yaml",
                HorizontalPodAutoscaler.class,
                "pdb.yaml",
                PodDisruptionBudget.class,
                "migrate-job.yaml",
                Job.class,
                "networkpolicy.yaml",
                NetworkPolicy.class,
                "configmap.yaml",
                ConfigMap.class,
                "secret.example.yaml",
                Secret.class)
            .entrySet()) {
      List<String> unknown = new java.util.ArrayList<>();
      unknownFields(
          Repo.yaml(DIR + entry.getKey(), entry.getValue()),
          entry.getKey(),
          unknown,
          java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>()));
      assertThat(unknown).as("unknown fields in %s", entry.getKey()).isEmpty();
    }
  }

  private static void unknownFields(Object o, String path, List<String> unknown, Set<Object> seen)
      throws Exception {
    if (o == null || !seen.add(o)) {
      return;
    }
    if (o instanceof java.util.Collection<?> c) {
      int i = 0;
      for (Object e : c) {
        unknownFields(e, path + "[" + i++ + "]", unknown, seen);
      }
      return;
    }
    if (o instanceof Map<?, ?> m) {
      for (var e : m.entrySet()) {
        unknownFields(e.getValue(), path + "." + e.getKey(), unknown, seen);
      }
      return;
    }
    if (!o.getClass().getName().startsWith("io.fabric8.")) {
      return;
    }
    for (var method : o.getClass().getMethods()) {
      if (method.getParameterCount() != 0
          || !method.getName().startsWith("get")
          || method.getName().equals("getClass")) {
        continue;
      }
      Object value = method.invoke(o);
      if (method.getName().equals("getAdditionalProperties")) {
        ((Map<?, ?>) value).keySet().forEach(k -> unknown.add(path + "." + k));
      } else {
        unknownFields(value, path + "." + method.getName().substring(3), unknown, seen);
      }
    }
  }

  @Test
  void rollsOutWithoutLosingCapacity() {
    assertThat(deployment.getSpec().getReplicas()).isGreaterThanOrEqualTo(2);
    var rolling = deployment.getSpec().getStrategy().getRollingUpdate();
    assertThat(deployment.getSpec().getStrategy().getType()).isEqualTo("RollingUpdate");
    assertThat(rolling.getMaxUnavailable().getIntVal()).isZero();
    assertThat(rolling.getMaxSurge().getIntVal()).isPositive();
    assertThat(deployment.getSpec().getSelector().getMatchLabels())
        .isEqualTo(deployment.getSpec().getTemplate().getMetadata().getLabels());
  }

  @Test
  void portsMatchConfigProd() {
    assertThat(ports(app)).containsEntry("http", config.appPort());
    assertThat(ports(app)).containsEntry("admin", config.adminPort());
    Map<String, String> env =
        app.getEnv().stream()
            .filter(e -> e.getValue() != null)
            .collect(Collectors.toMap(EnvVar::getName, EnvVar::getValue));
    assertThat(env).containsEntry("PORT", String.valueOf(config.appPort()));
    assertThat(env).containsEntry("ADMIN_PORT", String.valueOf(config.adminPort()));
    Service service = Repo.yaml(DIR + "service.yaml", Service.class);
    assertThat(service.getSpec().getSelector())
        .isEqualTo(deployment.getSpec().getSelector().getMatchLabels());
    assertThat(service.getSpec().getPorts())
        .anySatisfy(p -> assertThat(p.getTargetPort().getStrVal()).isEqualTo("http"));
  }

  @Test
  void probesUseTheHealthEndpointsOnTheApplicationPort() {
    assertThat(path(app.getReadinessProbe())).isEqualTo("/health/ready");
    assertThat(path(app.getLivenessProbe())).isEqualTo("/health/live");
    assertThat(path(app.getStartupProbe())).isEqualTo("/health/live");
    for (Probe p :
        List.of(app.getReadinessProbe(), app.getLivenessProbe(), app.getStartupProbe())) {
      assertThat(p.getHttpGet().getPort().getStrVal()).isEqualTo("http");
      assertThat(p.getTimeoutSeconds()).isLessThan(p.getPeriodSeconds() + 1);
    }
    Probe startup = app.getStartupProbe();
    assertThat(startup.getPeriodSeconds() * startup.getFailureThreshold())
        .as("seconds allowed to boot")
        .isBetween(60, 180);
  }

  @Test
  void stopsOnlyAfterPreStopDrainAndShutdownGrace() {
    List<String> preStop = app.getLifecycle().getPreStop().getExec().getCommand();
    assertThat(preStop.get(0)).isEqualTo("sleep");
    long pause = Long.parseLong(preStop.get(1));
    assertThat(pause).isBetween(2L, 15L);
    long needed =
        pause + config.drainPeriod().toSeconds() + config.shutdownGracePeriod().toSeconds();
    assertThat(pod.getTerminationGracePeriodSeconds()).isGreaterThan(needed);
  }

  @Test
  void runsNonRootOnAReadOnlyRootFilesystemWithAWritableTmp() {
    assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
    assertThat(pod.getSecurityContext().getRunAsUser()).isPositive();
    assertThat(app.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
    assertThat(app.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
    assertThat(app.getSecurityContext().getCapabilities().getDrop()).contains("ALL");
    VolumeMount tmp =
        app.getVolumeMounts().stream()
            .filter(m -> m.getMountPath().equals("/tmp"))
            .findFirst()
            .orElseThrow();
    assertThat(pod.getVolumes())
        .anySatisfy(
            v -> {
              assertThat(v.getName()).isEqualTo(tmp.getName());
              assertThat(v.getEmptyDir()).isNotNull();
            });
  }

  @Test
  void hasResourceRequestsAndLimitsAndHeapBelowTheLimit() {
    Map<String, Quantity> requests = app.getResources().getRequests();
    Map<String, Quantity> limits = app.getResources().getLimits();
    assertThat(requests).containsKeys("cpu", "memory");
    assertThat(limits).containsKey("memory");
    assertThat(Quantity.getAmountInBytes(limits.get("memory")))
        .isGreaterThanOrEqualTo(Quantity.getAmountInBytes(requests.get("memory")));
    assertThat(envNames(app)).contains("JAVA_TOOL_OPTIONS");
    assertThat(
            app.getEnv().stream()
                .filter(e -> e.getName().equals("JAVA_TOOL_OPTIONS"))
                .findFirst()
                .orElseThrow()
                .getValue())
        .contains("-XX:MaxRAMPercentage=");
  }

  @Test
  void environmentNamesMatchConfigProdAndSecretsComeFromTheSecret() {
    Secret secret = Repo.yaml(DIR + "secret.example.yaml", Secret.class);
    for (Container c : List.of(app, migrationContainer())) {
      Set<String> names = envNames(c);
      assertThat(config.unknown(names))
          .as("%s env not read by config-prod.yml", c.getName())
          .isEmpty();
      assertThat(config.missingWhenProviding(names))
          .as("%s lacks required env", c.getName())
          .isEmpty();
      for (EnvVar e : c.getEnv()) {
        if (ProdConfig.isSecret(e.getName())) {
          assertThat(e.getValue()).as("%s must not be inline", e.getName()).isNull();
          var ref = e.getValueFrom().getSecretKeyRef();
          assertThat(ref.getName()).isEqualTo(secret.getMetadata().getName());
          assertThat(secret.getStringData()).containsKey(ref.getKey());
        }
      }
    }
  }

  @Test
  void configMapCarriesConfigProdVerbatimAndIsMountedWhereTheArgsPoint() {
    ConfigMap cm = Repo.yaml(DIR + "configmap.yaml", ConfigMap.class);
    assertThat(cm.getData().get("config-prod.yml"))
        .as("deploy/k8s/configmap.yaml is stale: run scripts/sync-k8s-config")
        .isEqualTo(config.text());
    for (Container c : List.of(app, migrationContainer())) {
      String configArg = c.getArgs().get(c.getArgs().size() - 1);
      VolumeMount mount =
          c.getVolumeMounts().stream()
              .filter(m -> configArg.startsWith(m.getMountPath() + "/"))
              .findFirst()
              .orElseThrow();
      assertThat(configArg).endsWith("/config-prod.yml");
      PodSpec spec = c == app ? pod : migration().getSpec().getTemplate().getSpec();
      assertThat(spec.getVolumes())
          .anySatisfy(
              v -> {
                assertThat(v.getName()).isEqualTo(mount.getName());
                assertThat(v.getConfigMap().getName()).isEqualTo(cm.getMetadata().getName());
              });
    }
    assertThat(app.getArgs()).startsWith("server");
  }

  @Test
  void migrationJobRunsDbMigrateOnceWithTheSameImage() {
    Job job = migration();
    Container c = migrationContainer();
    assertThat(c.getArgs()).startsWith("db", "migrate");
    assertThat(c.getImage()).isEqualTo(app.getImage());
    assertThat(job.getSpec().getTemplate().getSpec().getRestartPolicy()).isEqualTo("Never");
    assertThat(job.getSpec().getBackoffLimit()).isLessThanOrEqualTo(2);
    assertThat(job.getSpec().getActiveDeadlineSeconds()).isPositive();
    assertThat(job.getSpec().getTemplate().getSpec().getSecurityContext().getRunAsNonRoot())
        .isTrue();
    assertThat(c.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
  }

  @Test
  void autoscalesOnCpuBetweenTwoAndTen() {
    HorizontalPodAutoscaler hpa = Repo.yaml(DIR + "hpa.yaml", HorizontalPodAutoscaler.class);
    assertThat(hpa.getSpec().getMinReplicas()).isEqualTo(2);
    assertThat(hpa.getSpec().getMaxReplicas()).isEqualTo(10);
    assertThat(hpa.getSpec().getScaleTargetRef().getName())
        .isEqualTo(deployment.getMetadata().getName());
    var metric = hpa.getSpec().getMetrics().get(0).getResource();
    assertThat(metric.getName()).isEqualTo("cpu");
    assertThat(metric.getTarget().getAverageUtilization()).isEqualTo(70);
  }

  @Test
  void disruptionBudgetKeepsAPodAndSelectsTheDeployment() {
    PodDisruptionBudget pdb = Repo.yaml(DIR + "pdb.yaml", PodDisruptionBudget.class);
    assertThat(pdb.getSpec().getMinAvailable().getIntVal()).isGreaterThanOrEqualTo(1);
    assertThat(pdb.getSpec().getMinAvailable().getIntVal())
        .isLessThan(deployment.getSpec().getReplicas());
    assertThat(pdb.getSpec().getSelector().getMatchLabels())
        .isEqualTo(deployment.getSpec().getSelector().getMatchLabels());
  }

  @Test
  void networkPolicyKeepsTheAdminPortInsideTheCluster() {
    NetworkPolicy np = Repo.yaml(DIR + "networkpolicy.yaml", NetworkPolicy.class);
    assertThat(np.getSpec().getPodSelector().getMatchLabels())
        .isEqualTo(deployment.getSpec().getSelector().getMatchLabels());
    assertThat(np.getSpec().getPolicyTypes()).contains("Ingress");
    boolean appPortOpen = false;
    for (NetworkPolicyIngressRule rule : np.getSpec().getIngress()) {
      Set<Integer> rulePorts =
          rule.getPorts().stream().map(p -> p.getPort().getIntVal()).collect(Collectors.toSet());
      if (rulePorts.contains(config.adminPort())) {
        assertThat(rule.getFrom()).as("admin port sources").isNotEmpty();
        rule.getFrom()
            .forEach(
                peer ->
                    assertThat(peer.getIpBlock())
                        .as("no IP blocks (the internet) on the admin port")
                        .isNull());
      }
      if (rulePorts.contains(config.appPort())) {
        assertThat(rulePorts).doesNotContain(config.adminPort());
        appPortOpen = true;
      }
    }
    assertThat(appPortOpen).isTrue();
  }

  private Job migration() {
    return Repo.yaml(DIR + "migrate-job.yaml", Job.class);
  }

  private Container migrationContainer() {
    return migration().getSpec().getTemplate().getSpec().getContainers().get(0);
  }

  static String path(Probe p) {
    return p.getHttpGet().getPath();
  }
}
