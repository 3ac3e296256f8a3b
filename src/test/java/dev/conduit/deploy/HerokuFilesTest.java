package dev.conduit.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.StringReader;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Procfile, system.properties and app.json, statically (HerokuProcfileIT runs the Procfile). */
class HerokuFilesTest {
  private static final long MB = 1024 * 1024;

  /** The app.json schema's top-level keys (it allows no others). */
  private static final Set<String> APP_JSON_KEYS =
      Set.of(
          "name",
          "description",
          "keywords",
          "website",
          "repository",
          "logo",
          "success_url",
          "scripts",
          "env",
          "formation",
          "addons",
          "buildpacks",
          "environments",
          "stack",
          "image");

  @Test
  void declaresExactlyAWebAndAReleaseProcess() {
    Procfile procfile = Procfile.read();
    assertThat(procfile.processes()).containsOnlyKeys("web", "release");
    assertThat(procfile.command("release"))
        .startsWith("java ")
        .endsWith("-jar target/app.jar db migrate config-prod.yml");
    assertThat(procfile.command("web"))
        .startsWith("java ")
        .endsWith("-jar target/app.jar server config-prod.yml")
        .doesNotContain("migrate");
  }

  @Test
  void webJvmFitsA512MegabyteDyno() {
    String web = Procfile.read().command("web");
    long heap = size(web, "-Xmx(\\d+[kmgKMG]?)");
    long metaspace = size(web, "-XX:MaxMetaspaceSize=(\\d+[kmgKMG]?)");
    long codeCache = size(web, "-XX:ReservedCodeCacheSize=(\\d+[kmgKMG]?)");
    long direct = size(web, "-XX:MaxDirectMemorySize=(\\d+[kmgKMG]?)");
    long stack = size(web, "-Xss(\\d+[kmgKMG]?)");
    assertThat(heap).isBetween(192 * MB, 320 * MB);
    // The heap starts small and grows only as needed: RSS follows the live data, not -Xmx
    // (without -Xms the JVM starts at 1/64 of the host's RAM, up to -Xmx).
    assertThat(size(web, "-Xms(\\d+[kmgKMG]?)")).isLessThanOrEqualTo(64 * MB);
    // Every capped pool, plus ~60 busy threads' stacks and 40 MB for GC, class data and libc.
    long total = heap + metaspace + codeCache + direct + 60 * stack + 40 * MB;
    assertThat(total).as("worst-case JVM footprint").isLessThanOrEqualTo(512 * MB);
    assertThat(web).contains("-XX:+UseSerialGC").contains("-XX:+ExitOnOutOfMemoryError");
    // RSS after a load (README, bench/startup): the heap grows only when less than 10% of it is
    // free, and C-heap the JIT freed goes back to the OS instead of staying with glibc.
    assertThat(web).contains("-XX:MinHeapFreeRatio=10").contains("-XX:TrimNativeHeapInterval=");
  }

  /**
   * The web line maps the class-data sharing archive the build writes (pom.xml, execution
   * cds-archive) for the jar it runs, named the same way: the archive records the class path it was
   * written with (HerokuProcfileIT and HerokuBuildIT check that it maps).
   */
  @Test
  void webMapsTheClassDataArchiveTheBuildWritesForTheSameJar() {
    String web = Procfile.read().command("web");
    assertThat(web).contains(" -XX:SharedArchiveFile=target/app.jsa ");
    assertThat(web).contains(" -jar target/app.jar ");
    String pom = Repo.read("pom.xml");
    int execution = pom.indexOf("<id>cds-archive</id>");
    assertThat(execution).as("pom.xml execution cds-archive").isPositive();
    String archive = pom.substring(execution, pom.indexOf("</execution>", execution));
    assertThat(archive)
        .contains("<phase>package</phase>")
        .contains("<argument>-Xshare:dump</argument>")
        .contains("<argument>-XX:SharedArchiveFile=target/app.jsa</argument>")
        .contains("<argument>-cp</argument>\n                <argument>target/app.jar</argument>")
        .contains("<executable>${java.home}/bin/java</executable>");
    assertThat(pom.indexOf("<id>cds-training</id>"))
        .as("the class list first")
        .isBetween(0, execution);
    assertThat(pom.indexOf("<artifactId>exec-maven-plugin</artifactId>"))
        .as("the training runs after the shade plugin wrote target/app.jar (same phase)")
        .isGreaterThan(pom.indexOf("<artifactId>maven-shade-plugin</artifactId>"));
  }

  @Test
  void pinsJava17() throws Exception {
    Properties p = new Properties();
    p.load(new StringReader(Repo.read("system.properties")));
    assertThat(p.getProperty("java.runtime.version")).isEqualTo("17");
  }

  /**
   * The buildpack runs ./mvnw whenever mvnw and .mvn/wrapper/maven-wrapper.properties exist, unless
   * system.properties sets maven.version: ours must be set (to the wrapper's Maven).
   */
  @Test
  void theBuildpackInstallsTheWrappersMavenInsteadOfRunningMvnw() throws Exception {
    java.util.Properties system = new java.util.Properties();
    system.load(new StringReader(Repo.read("system.properties")));
    java.util.Properties wrapper = new java.util.Properties();
    wrapper.load(new StringReader(Repo.read(".mvn/wrapper/maven-wrapper.properties")));
    assertThat(system.getProperty("maven.version"))
        .matches("3\\.\\d+\\.\\d+")
        .isEqualTo(wrapper.getProperty("mavenVersion"));
  }

  /** A stock mvnw.cmd reads distributionUrl, which would name a download host: no such script. */
  @Test
  void noWrapperScriptThatCannotRun() {
    assertThat(Repo.root().resolve("mvnw.cmd")).doesNotExist();
    assertThat(Repo.read(".mvn/wrapper/maven-wrapper.properties"))
        .doesNotContain("distributionUrl");
  }

  @Test
  void appJsonProvisionsPostgresAndGeneratesTheJwtSecret() {
    JsonNode app = Repo.json("app.json");
    assertThat(APP_JSON_KEYS).containsAll(Repo.fieldNames(app));
    assertThat(app.path("addons").toString()).contains("heroku-postgresql");
    JsonNode secret = app.path("env").path("JWT_SECRET");
    assertThat(secret.path("generator").asText()).isEqualTo("secret");
    assertThat(secret.path("required").asBoolean()).isTrue();
    assertThat(secret.has("value")).as("no committed secret").isFalse();
    assertThat(app.path("success_url").asText()).isEqualTo("/health/ready");
    assertThat(app.path("buildpacks").toString()).contains("heroku/java");
  }

  @Test
  void appJsonEnvMatchesConfigProd() {
    ProdConfig config = ProdConfig.load();
    Set<String> names = new LinkedHashSet<>(Repo.fieldNames(Repo.json("app.json").path("env")));
    assertThat(config.unknown(names))
        .as("app.json env names config-prod.yml does not read")
        .isEmpty();
    // Heroku itself sets PORT; the Postgres add-on (as DATABASE) sets DATABASE_URL.
    Set<String> provided = new HashSet<>(names);
    provided.add("PORT");
    provided.add("DATABASE_URL");
    assertThat(config.missingWhenProviding(provided)).isEmpty();
    Repo.json("app.json")
        .path("env")
        .fields()
        .forEachRemaining(
            e -> {
              if (ProdConfig.isSecret(e.getKey())) {
                assertThat(e.getValue().has("value"))
                    .as("%s committed in app.json", e.getKey())
                    .isFalse();
              }
            });
    assertThat(Repo.json("app.json").path("env").path("ADMIN_BIND").path("value").asText())
        .as("Heroku routes only $PORT; keep the admin port private")
        .isEqualTo("127.0.0.1");
  }

  static long size(String command, String regex) {
    Matcher m = Pattern.compile(regex).matcher(command);
    assertThat(m.find()).as("%s in %s", regex, command).isTrue();
    String v = m.group(1).toLowerCase();
    long n = Long.parseLong(v.replaceAll("[kmg]$", ""));
    return switch (v.charAt(v.length() - 1)) {
      case 'k' -> n * 1024;
      case 'm' -> n * MB;
      case 'g' -> n * 1024 * MB;
      default -> n;
    };
  }

  @Test
  void drainAndShutdownFitHerokusThirtySecondsAfterSigterm() {
    ProdConfig config = ProdConfig.load();
    assertThat(config.declaresDrainPeriod()).isTrue();
    assertThat(config.drainPeriod().toSeconds() + config.shutdownGracePeriod().toSeconds())
        .isLessThan(30);
  }
}
