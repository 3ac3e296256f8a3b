package dev.conduit.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvFromSource;
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
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * What {@code kubectl apply -k deploy/k8s} and {@code -k deploy/k8s/migrate} send, rendered by the
 * real kustomize (kubectl's), parsed into the Kubernetes model classes (fabric8: no schema
 * validator such as kubeconform installs from this machine's registries), then cross-checked: every
 * variable the pods read exists in the Secret the RUNBOOK creates or in the generated ConfigMap,
 * the pods get every setting start-up requires, probe paths exist in the code, and the stop-time
 * budget adds up.
 */
class KubernetesManifestsTest {
  private static final String DIR = "deploy/k8s/";
  private static final String IMAGE = "ghcr.io/conduit/conduit";

  private final ProdConfig config = ProdConfig.load();
  private final List<JsonNode> rendered = Kustomize.render(DIR);
  private final List<JsonNode> renderedMigrate = Kustomize.render(DIR + "migrate");
  private final Deployment deployment =
      Kustomize.as(Kustomize.one(rendered, "Deployment"), Deployment.class);
  private final ConfigMap env = Kustomize.as(Kustomize.one(rendered, "ConfigMap"), ConfigMap.class);
  private final Job job = Kustomize.as(Kustomize.one(renderedMigrate, "Job"), Job.class);
  private final PodSpec pod = deployment.getSpec().getTemplate().getSpec();
  private final Container app = pod.getContainers().get(0);
  private final Container migrate = job.getSpec().getTemplate().getSpec().getContainers().get(0);

  static Map<String, Integer> ports(Container c) {
    return c.getPorts().stream()
        .collect(Collectors.toMap(ContainerPort::getName, ContainerPort::getContainerPort));
  }

  static Set<String> envNames(Container c) {
    return c.getEnv().stream()
        .map(EnvVar::getName)
        .collect(Collectors.toCollection(LinkedHashSet::new));
  }

  /** The variables a container sees: its env, and the keys of the ConfigMaps it takes whole. */
  private Map<String, String> environment(Container c, String secretValue) {
    Map<String, String> vars = new HashMap<>();
    for (EnvFromSource from : c.getEnvFrom()) {
      assertThat(from.getConfigMapRef().getName())
          .as("envFrom names the generated ConfigMap (hash suffix included)")
          .isEqualTo(env.getMetadata().getName());
      vars.putAll(env.getData());
    }
    for (EnvVar e : c.getEnv()) {
      vars.put(e.getName(), e.getValue() != null ? e.getValue() : secretValue);
    }
    return vars;
  }

  @Test
  void rendersTheKindsWeShipAndNothingElse() {
    assertThat(rendered.stream().map(d -> d.path("kind").asText()))
        .containsExactlyInAnyOrder(
            "ConfigMap",
            "Deployment",
            "Service",
            "HorizontalPodAutoscaler",
            "PodDisruptionBudget",
            "NetworkPolicy");
    assertThat(renderedMigrate.stream().map(d -> d.path("kind").asText())).containsExactly("Job");
    assertThat(Repo.yaml(DIR + "secret.example.yaml", Secret.class).getKind()).isEqualTo("Secret");
  }

  /** A misspelt field would land in fabric8's additionalProperties and be ignored by kubectl. */
  @Test
  void noManifestHasFieldsKubernetesDoesNotKnow() throws Exception {
    Map<String, Class<?>> types =
        Map.of(
            "Deployment", Deployment.class,
            "Service", Service.class,
            "HorizontalPodAutoscaler", HorizontalPodAutoscaler.class,
            "PodDisruptionBudget", PodDisruptionBudget.class,
            "NetworkPolicy", NetworkPolicy.class,
            "ConfigMap", ConfigMap.class,
            "Job", Job.class);
    List<JsonNode> all = new ArrayList<>(rendered);
    all.addAll(renderedMigrate);
    for (JsonNode doc : all) {
      String kind = doc.path("kind").asText();
      List<String> unknown = new ArrayList<>();
      unknownFields(
          Kustomize.as(doc, types.get(kind)),
          kind,
          unknown,
          java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>()));
      assertThat(unknown).as("unknown fields in %s", kind).isEmpty();
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

  /** With an HPA, an applied replicas resets the autoscaled count on every deploy. */
  @Test
  void theHpaAloneOwnsTheReplicaCount() {
    HorizontalPodAutoscaler hpa =
        Kustomize.as(
            Kustomize.one(rendered, "HorizontalPodAutoscaler"), HorizontalPodAutoscaler.class);
    assertThat(hpa.getSpec().getScaleTargetRef().getName())
        .isEqualTo(deployment.getMetadata().getName());
    assertThat(deployment.getSpec().getReplicas()).as("Deployment replicas").isNull();
    assertThat(hpa.getSpec().getMinReplicas()).isEqualTo(2);
    assertThat(hpa.getSpec().getMaxReplicas()).isEqualTo(10);
    var metric = hpa.getSpec().getMetrics().get(0).getResource();
    assertThat(metric.getName()).isEqualTo("cpu");
    assertThat(metric.getTarget().getAverageUtilization()).isEqualTo(70);
  }

  @Test
  void rollsOutWithoutLosingCapacity() {
    var rolling = deployment.getSpec().getStrategy().getRollingUpdate();
    assertThat(deployment.getSpec().getStrategy().getType()).isEqualTo("RollingUpdate");
    assertThat(rolling.getMaxUnavailable().getIntVal()).isZero();
    assertThat(rolling.getMaxSurge().getIntVal()).isPositive();
    assertThat(deployment.getSpec().getSelector().getMatchLabels())
        .isEqualTo(deployment.getSpec().getTemplate().getMetadata().getLabels());
  }

  /** CI pushes :<commit> and :main, never :latest; both kustomizations name the same image. */
  @Test
  void imagesComeFromKustomizeAndAreTagsCiPushes() {
    assertThat(app.getImage()).isEqualTo(IMAGE + ":main");
    assertThat(migrate.getImage()).isEqualTo(app.getImage());
    assertThat(Repo.read(DIR + "deployment.yaml")).doesNotContain(":latest");
    assertThat(Repo.read(DIR + "migrate/job.yaml")).doesNotContain(":latest");
    assertThat(Repo.read(".github/workflows/ci.yml")).contains("${{ env.IMAGE }}:main");
  }

  /** The deploy job's overlays, rendered: the image and commit this CI run built. */
  @Test
  void ciOverlaysDeployTheCommitCiBuilt() throws IOException {
    JsonNode step = null;
    for (JsonNode s : Repo.yaml(".github/workflows/ci.yml").at("/jobs/deploy/steps")) {
      if ("overlays".equals(s.path("id").asText())) {
        step = s;
      }
    }
    assertThat(step).as("deploy step with id overlays").isNotNull();
    Path workspace = Files.createTempDirectory("conduit-overlays-");
    try {
      Shell.Result copy =
          Shell.run("cp -R deploy " + workspace + "/", Map.of(), Duration.ofMinutes(1));
      assertThat(copy.exitCode()).as(copy.output()).isZero();
      Shell.Result r =
          Shell.run(
              List.of(),
              step.path("run").asText(),
              Map.of("GITHUB_REPOSITORY", "Acme/Conduit", "GITHUB_SHA", "0123abc"),
              workspace,
              Duration.ofMinutes(1));
      assertThat(r.exitCode()).as(r.output()).isZero();
      String expected = "ghcr.io/acme/conduit:0123abc";
      Deployment d =
          Kustomize.as(
              Kustomize.one(Kustomize.render(workspace.resolve(".release/app")), "Deployment"),
              Deployment.class);
      assertThat(d.getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
          .isEqualTo(expected);
      Job j =
          Kustomize.as(
              Kustomize.one(Kustomize.render(workspace.resolve(".release/migrate")), "Job"),
              Job.class);
      assertThat(j.getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
          .isEqualTo(expected);
    } finally {
      Shell.run("rm -rf " + workspace, Map.of(), Duration.ofMinutes(1));
    }
  }

  /**
   * A settings change must restart the pods: the ConfigMap's name carries a hash of its content and
   * the Deployment refers to that name.
   */
  @Test
  void settingsComeFromAGeneratedConfigMapWhoseNameFollowsItsContent() {
    assertThat(env.getMetadata().getName()).matches("conduit-env-[a-z0-9]{10}");
    assertThat(app.getEnvFrom())
        .extracting(f -> f.getConfigMapRef().getName())
        .containsExactly(env.getMetadata().getName());
    assertThat(app.getArgs()).containsExactly("server", "/app/config-prod.yml");
    assertThat(Repo.root().resolve(DIR + "configmap.yaml")).doesNotExist();
  }

  @Test
  void portsMatchConfigProd() {
    assertThat(ports(app)).containsEntry("http", config.appPort());
    assertThat(ports(app)).containsEntry("admin", config.adminPort());
    Map<String, String> vars = environment(app, "secret");
    assertThat(vars).containsEntry("PORT", String.valueOf(config.appPort()));
    assertThat(vars).containsEntry("ADMIN_PORT", String.valueOf(config.adminPort()));
    Service service = Kustomize.as(Kustomize.one(rendered, "Service"), Service.class);
    assertThat(service.getSpec().getSelector())
        .isEqualTo(deployment.getSpec().getSelector().getMatchLabels());
    assertThat(service.getSpec().getPorts())
        .anySatisfy(p -> assertThat(p.getTargetPort().getStrVal()).isEqualTo("http"));
  }

  @Test
  void probesUseHealthEndpointsTheCodeServesOnTheApplicationPort() throws IOException {
    assertThat(path(app.getReadinessProbe())).isEqualTo("/health/ready");
    assertThat(path(app.getLivenessProbe())).isEqualTo("/health/live");
    assertThat(path(app.getStartupProbe())).isEqualTo("/health/live");
    String code;
    try (Stream<Path> files = Files.walk(Repo.root().resolve("src/main/java"))) {
      StringBuilder all = new StringBuilder();
      for (Path f : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        all.append(Files.readString(f));
      }
      code = all.toString();
    }
    for (Probe p :
        List.of(app.getReadinessProbe(), app.getLivenessProbe(), app.getStartupProbe())) {
      assertThat(code).as("the code registers %s", path(p)).contains("\"" + path(p) + "\"");
      assertThat(p.getHttpGet().getPort().getStrVal()).isEqualTo("http");
      assertThat(p.getTimeoutSeconds()).isLessThan(p.getPeriodSeconds() + 1);
    }
    Probe startup = app.getStartupProbe();
    assertThat(startup.getPeriodSeconds() * startup.getFailureThreshold())
        .as("seconds allowed to boot")
        .isBetween(60, 180);
  }

  /** Kubernetes' default grace (30 s) is exactly preStop + drain + grace: it must be more. */
  @Test
  void stopsOnlyAfterPreStopDrainAndShutdownGrace() {
    List<String> preStop = app.getLifecycle().getPreStop().getExec().getCommand();
    assertThat(preStop.get(0)).isEqualTo("sleep");
    long pause = Long.parseLong(preStop.get(1));
    assertThat(pause).isBetween(2L, 15L);
    ProdConfig seen = config.withEnv(environment(app, "secret"));
    long needed = pause + seen.drainPeriod().toSeconds() + seen.shutdownGracePeriod().toSeconds();
    assertThat(pod.getTerminationGracePeriodSeconds()).isNotNull().isGreaterThan(needed);
    assertThat(pod.getTerminationGracePeriodSeconds()).isGreaterThan(30L);
  }

  @Test
  void runsNonRootOnAReadOnlyRootFilesystemWithAWritableTmp() {
    for (Container c : List.of(app, migrate)) {
      PodSpec spec = c == app ? pod : job.getSpec().getTemplate().getSpec();
      assertThat(spec.getSecurityContext().getRunAsNonRoot()).isTrue();
      assertThat(spec.getSecurityContext().getRunAsUser()).isPositive();
      assertThat(c.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
      assertThat(c.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
      assertThat(c.getSecurityContext().getCapabilities().getDrop()).contains("ALL");
      VolumeMount tmp =
          c.getVolumeMounts().stream()
              .filter(m -> m.getMountPath().equals("/tmp"))
              .findFirst()
              .orElseThrow();
      assertThat(spec.getVolumes())
          .anySatisfy(
              v -> {
                assertThat(v.getName()).isEqualTo(tmp.getName());
                assertThat(v.getEmptyDir()).isNotNull();
              });
    }
  }

  @Test
  void hasResourceRequestsAndLimitsAndHeapBelowTheLimit() {
    Map<String, Quantity> requests = app.getResources().getRequests();
    Map<String, Quantity> limits = app.getResources().getLimits();
    assertThat(requests).containsKeys("cpu", "memory");
    assertThat(limits).containsKey("memory");
    assertThat(Quantity.getAmountInBytes(limits.get("memory")))
        .isGreaterThanOrEqualTo(Quantity.getAmountInBytes(requests.get("memory")));
    assertThat(environment(app, "secret").get("JAVA_TOOL_OPTIONS"))
        .contains("-XX:MaxRAMPercentage=");
  }

  /**
   * Every secret the pods reference is a key the RUNBOOK's {@code kubectl create secret} creates
   * (else: CreateContainerConfigError), every name is one config-prod.yml reads, and the Deployment
   * gets what serving requires; the Job needs only the database.
   */
  @Test
  void everyVariableThePodsNeedExistsWhereTheyLookForIt() {
    Set<String> secretKeys = Runbook.kubernetesSecretKeys();
    Secret example = Repo.yaml(DIR + "secret.example.yaml", Secret.class);
    assertThat(example.getStringData().keySet()).containsExactlyInAnyOrderElementsOf(secretKeys);
    for (Container c : List.of(app, migrate)) {
      for (EnvVar e : c.getEnv()) {
        if (e.getValueFrom() != null) {
          var ref = e.getValueFrom().getSecretKeyRef();
          assertThat(ref.getName()).isEqualTo(example.getMetadata().getName());
          assertThat(secretKeys)
              .as("%s: RUNBOOK's secret has %s", c.getName(), ref.getKey())
              .contains(ref.getKey());
          assertThat(ref.getOptional()).as("%s optional", ref.getKey()).isNotEqualTo(Boolean.TRUE);
        } else {
          assertThat(ProdConfig.isSecret(e.getName())).as("%s inline", e.getName()).isFalse();
        }
      }
      Set<String> names = environment(c, "secret").keySet();
      assertThat(config.unknown(names))
          .as("%s env not read by config-prod.yml", c.getName())
          .isEmpty();
    }
    assertThat(env.getData().keySet()).noneMatch(ProdConfig::isSecret);
    assertThat(environment(app, "secret"))
        .containsKeys("DATABASE_URL", "JWT_SECRET", "ALLOWED_HOSTS", "ADMIN_PASSWORD");
    assertThat(environment(migrate, "secret").keySet())
        .contains("DATABASE_URL")
        .doesNotContain("JWT_SECRET", "ALLOWED_HOSTS");
  }

  /** The Job runs before `apply -k deploy/k8s`: it must not need anything that creates. */
  @Test
  void theMigrationJobNeedsOnlyTheSecret() {
    assertThat(migrate.getArgs()).containsExactly("db", "migrate", "/app/config-prod.yml");
    assertThat(migrate.getEnvFrom()).isEmpty();
    assertThat(job.getSpec().getTemplate().getSpec().getVolumes())
        .allSatisfy(v -> assertThat(v.getConfigMap()).isNull());
    assertThat(job.getSpec().getTemplate().getSpec().getRestartPolicy()).isEqualTo("Never");
    assertThat(job.getSpec().getBackoffLimit()).isLessThanOrEqualTo(2);
    assertThat(job.getSpec().getActiveDeadlineSeconds()).isPositive();
  }

  /** Annotation-based scraping cannot send basic auth; /prometheus answers 401 with a password. */
  @Test
  void noScrapeAnnotationsPointAtAPasswordProtectedPath() {
    Map<String, String> annotations =
        deployment.getSpec().getTemplate().getMetadata().getAnnotations();
    if (annotations != null && environment(app, "secret").containsKey("ADMIN_PASSWORD")) {
      assertThat(annotations.keySet()).noneMatch(k -> k.startsWith("prometheus.io/"));
    }
  }

  @Test
  void disruptionBudgetKeepsAPodAndSelectsTheDeployment() {
    PodDisruptionBudget pdb =
        Kustomize.as(Kustomize.one(rendered, "PodDisruptionBudget"), PodDisruptionBudget.class);
    HorizontalPodAutoscaler hpa =
        Kustomize.as(
            Kustomize.one(rendered, "HorizontalPodAutoscaler"), HorizontalPodAutoscaler.class);
    assertThat(pdb.getSpec().getMinAvailable().getIntVal()).isGreaterThanOrEqualTo(1);
    assertThat(pdb.getSpec().getMinAvailable().getIntVal())
        .isLessThan(hpa.getSpec().getMinReplicas());
    assertThat(pdb.getSpec().getSelector().getMatchLabels())
        .isEqualTo(deployment.getSpec().getSelector().getMatchLabels());
  }

  @Test
  void networkPolicyKeepsTheAdminPortInsideTheCluster() {
    NetworkPolicy np = Kustomize.as(Kustomize.one(rendered, "NetworkPolicy"), NetworkPolicy.class);
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

  /** The app's container as {@code kubectl apply -k deploy/k8s} sends it (other tests use it). */
  static Container renderedApp() {
    return Kustomize.as(Kustomize.one(Kustomize.render(DIR), "Deployment"), Deployment.class)
        .getSpec()
        .getTemplate()
        .getSpec()
        .getContainers()
        .get(0);
  }

  /** Every variable name the rendered app container sees (env and the generated ConfigMap). */
  static Set<String> renderedAppEnvNames() {
    var docs = Kustomize.render(DIR);
    Set<String> names = new LinkedHashSet<>();
    Kustomize.one(docs, "ConfigMap").path("data").fieldNames().forEachRemaining(names::add);
    names.addAll(envNames(renderedApp()));
    return names;
  }

  static String path(Probe p) {
    return p.getHttpGet().getPath();
  }
}
