package dev.conduit.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The helper the deploy tests rely on reads config-prod.yml the way Dropwizard does. */
class ProdConfigTest {

  @Test
  void findsEveryVariableIncludingNestedDefaults() {
    Set<String> seen = new LinkedHashSet<>();
    ProdConfig.substitute("a: ${A:-${B:-x}} b: ${C}", n -> null, seen, new HashSet<>(), "?");
    assertThat(seen).containsExactly("A", "B", "C");
  }

  @Test
  void appliesDefaultsOnlyWhenUnset() {
    Map<String, String> env = Map.of("A", "1");
    Set<String> missing = new HashSet<>();
    String out =
        ProdConfig.substitute("${A:-${B}} ${C:-7 days}", env::get, new HashSet<>(), missing, "?");
    assertThat(out).isEqualTo("1 7 days");
    assertThat(missing).as("B is only needed when A is unset").isEmpty();
  }

  @Test
  void aNestedDefaultNamesTheInnermostVariableWhenNothingIsSet() {
    Set<String> missing = new LinkedHashSet<>();
    ProdConfig.substitute("${A:-${B}} ${C:-}", n -> null, new HashSet<>(), missing, "?");
    assertThat(missing).containsExactly("B");
    Set<String> none = new HashSet<>();
    ProdConfig.substitute("${A:-${B}}", Map.of("A", "1")::get, new HashSet<>(), none, "?");
    assertThat(none).isEmpty();
  }

  @Test
  void credentialsAreRecognisedByName() {
    assertThat(ProdConfig.isSecret("JWT_SECRET")).isTrue();
    assertThat(ProdConfig.isSecret("DATABASE_URL")).isTrue();
    assertThat(ProdConfig.isSecret("JDBC_DATABASE_URL")).isTrue();
    assertThat(ProdConfig.isSecret("ADMIN_PASSWORD")).isTrue();
    assertThat(ProdConfig.isSecret("SENTRY_DSN")).isTrue();
    assertThat(ProdConfig.isSecret("TOKEN_TTL")).isFalse();
    assertThat(ProdConfig.isSecret("PORT")).isFalse();
  }

  @Test
  void theProductionFileNeedsADatabaseAndASecret() {
    ProdConfig config = ProdConfig.load();
    assertThat(config.envNames())
        .contains("PORT", "ADMIN_PORT", "DATABASE_URL", "JDBC_DATABASE_URL", "JWT_SECRET");
    // Nothing is needed just to read the file: a db command then needs only the database, and
    // serving's requirements are validated (ConfigCommandsIT, DeployTargetsCheckIT).
    assertThat(config.missingWhenProviding(Set.of())).isEmpty();
    assertThat(config.missingWhenProviding(Set.of("JDBC_DATABASE_URL", "JWT_SECRET"))).isEmpty();
    assertThat(config.missingWhenProviding(Set.of("DATABASE_URL", "JWT_SECRET"))).isEmpty();
    assertThat(config.appPort()).isEqualTo(8080);
    assertThat(config.adminPort()).isEqualTo(8081);
  }
}
