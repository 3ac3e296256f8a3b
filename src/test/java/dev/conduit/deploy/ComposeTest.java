package dev.conduit.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** docker-compose.yml wiring: what starts after what, and with which settings. */
class ComposeTest {
  private final JsonNode services = Repo.yaml("docker-compose.yml").path("services");
  private final ProdConfig config = ProdConfig.load();

  @Test
  void hasTheWholeStack() {
    assertThat(Repo.fieldNames(services))
        .containsExactlyInAnyOrder("postgres", "redis", "migrate", "app", "nginx");
    assertThat(services.at("/postgres/image").asText()).isEqualTo("postgres:15");
    assertThat(services.at("/postgres/healthcheck/test").toString()).contains("pg_isready");
    assertThat(services.at("/redis/healthcheck/test").toString()).contains("ping");
  }

  @Test
  void migrateRunsOnceAfterTheDatabaseIsHealthy() {
    JsonNode migrate = services.path("migrate");
    assertThat(migrate.path("command").toString()).contains("\"db\",\"migrate\"");
    assertThat(migrate.at("/depends_on/postgres/condition").asText()).isEqualTo("service_healthy");
    assertThat(migrate.path("restart").asText()).isEqualTo("no");
  }

  @Test
  void appWaitsForAHealthyDatabaseAndACompletedMigration() {
    JsonNode app = services.path("app");
    assertThat(app.at("/depends_on/postgres/condition").asText()).isEqualTo("service_healthy");
    assertThat(app.at("/depends_on/migrate/condition").asText())
        .isEqualTo("service_completed_successfully");
    assertThat(app.path("command").toString()).contains("server").doesNotContain("migrate");
    assertThat(services.at("/nginx/depends_on/app/condition").asText())
        .isEqualTo("service_healthy");
  }

  @Test
  void appAndMigrateEnvironmentMatchConfigProd() {
    for (String service : List.of("app", "migrate")) {
      Set<String> names =
          new LinkedHashSet<>(Repo.fieldNames(services.path(service).path("environment")));
      assertThat(config.unknown(names))
          .as("%s env names not in config-prod.yml", service)
          .isEmpty();
      assertThat(config.missingWhenProviding(names)).as("%s lacks required env", service).isEmpty();
    }
    assertThat(services.at("/app/environment/PORT").asText())
        .isEqualTo(String.valueOf(config.appPort()));
    assertThat(services.at("/app/environment/ADMIN_PORT").asText())
        .isEqualTo(String.valueOf(config.adminPort()));
    assertThat(services.at("/app/environment/JWT_SECRET").asText())
        .as("required from the operator, never a committed value")
        .startsWith("${JWT_SECRET:?");
  }

  @Test
  void onlyNginxIsPublishedAndItProxiesToTheAppPort() {
    assertThat(services.at("/app/ports").isMissingNode())
        .as("app is reached through nginx")
        .isTrue();
    assertThat(services.at("/nginx/ports").toString()).contains("80:80").contains("443:443");
    assertThat(services.at("/nginx/volumes").toString())
        .contains("./deploy/nginx/nginx.conf:/etc/nginx/nginx.conf");
    Repo.file("deploy/nginx/nginx.conf");
    assertThat(Repo.read("deploy/nginx/nginx.conf"))
        .contains("server app:" + config.appPort() + " ");
    assertThat(services.at("/app/healthcheck/test").toString())
        .contains("127.0.0.1:" + config.appPort() + "/health/live");
  }

  @Test
  void appContainerIsReadOnlyWithTwoReplicasAndAStopGraceAboveDrainPlusShutdown() {
    JsonNode app = services.path("app");
    assertThat(app.path("read_only").asBoolean()).isTrue();
    assertThat(app.path("tmpfs").toString()).contains("/tmp");
    assertThat(app.at("/deploy/replicas").asInt()).isGreaterThanOrEqualTo(2);
    long stop =
        io.dropwizard.util.Duration.parse(app.path("stop_grace_period").asText()).toSeconds();
    assertThat(stop)
        .isGreaterThan(config.drainPeriod().toSeconds() + config.shutdownGracePeriod().toSeconds());
  }
}
