package dev.conduit.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.conduit.support.Http;
import dev.conduit.support.Jar;
import dev.conduit.support.Users;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The Procfile as Heroku runs it: its {@code release} line, then its {@code web} line, verbatim
 * through {@code bash -c}, with Heroku's environment (PORT, DATABASE_URL in postgres:// form for a
 * role with a password, the config vars app.json sets, a generated JWT_SECRET) against an empty
 * PostgreSQL database.
 */
class HerokuProcfileIT {
  /** Heroku kills a web dyno that has not bound $PORT within 60 s of starting. */
  private static final Duration HEROKU_BOOT_LIMIT = Duration.ofSeconds(60);

  @Test
  void releaseMigratesAnEmptyDatabaseThenWebAnswersWithinTheBootLimit() throws Exception {
    Procfile procfile = Procfile.read();
    try (ThrowAwayPostgres db = ThrowAwayPostgres.create()) {
      int port = Jar.freePort();
      Map<String, String> env = herokuEnv(db, port);

      Shell.Result release = Shell.run(procfile.command("release"), env, Duration.ofMinutes(3));
      assertThat(release.exitCode()).as("release phase output:\n%s", release.output()).isZero();
      try (Connection c = db.connect();
          ResultSet rs =
              c.createStatement().executeQuery("SELECT count(*) FROM databasechangelog")) {
        rs.next();
        assertThat(rs.getInt(1)).as("changesets applied").isPositive();
      }
      // Every deploy runs the release phase again: a second run on a current schema is a no-op.
      Shell.Result again = Shell.run(procfile.command("release"), env, Duration.ofMinutes(3));
      assertThat(again.exitCode()).as("second release:\n%s", again.output()).isZero();

      // The web line maps the build's class-data archive, or does not start (ClassDataSharing).
      var cds = new ClassDataSharing(java.nio.file.Files.createTempDirectory("conduit-cds-"));
      setJavaOpts(env, cds.javaOpts());
      Instant launched = Instant.now();
      try (Shell web = Shell.start(procfile.command("web"), env)) {
        Duration boot =
            Liveness.await(
                () -> Liveness.isUp(port),
                web::isAlive,
                HEROKU_BOOT_LIMIT,
                () -> "web:\n" + web.output());
        System.out.printf(
            "HerokuProcfileIT: web answered on $PORT %d ms after launch%n", boot.toMillis());
        assertThat(Duration.between(launched, Instant.now())).isLessThan(HEROKU_BOOT_LIMIT);

        // It serves the API from the migrated database, on $PORT.
        Http http = new Http("http://127.0.0.1:" + port + "/api");
        var reply = http.post("/users", Users.registration("heroku"));
        assertThat(reply.status()).as("%s", reply).isEqualTo(201);
        JsonNode user = reply.json().path("user");
        assertThat(user.path("token").asText()).isNotBlank();
        cds.assertServedFromTheArchive();

        // The capped pools leave headroom once everything is loaded (a full metaspace kills the
        // dyno with ExitOnOutOfMemoryError).
        long metaspaceCap =
            HerokuFilesTest.size(procfile.command("web"), "-XX:MaxMetaspaceSize=(\\d+[kmgKMG]?)");
        long metaspaceUsed = metaspaceUsedBytes(web.pid());
        System.out.printf(
            "HerokuProcfileIT: metaspace %d MB used of %d MB%n",
            metaspaceUsed >> 20, metaspaceCap >> 20);
        assertThat(metaspaceUsed).isLessThan(metaspaceCap * 85 / 100);

        // Dyno restart/scale-down: SIGTERM reaches the JVM (bash execs the one command) and it
        // exits.
        web.terminate();
        web.waitFor(Duration.ofSeconds(60));
        assertThat(web.output()).doesNotContain("Exception in thread");
      }
    }
  }

  /** Metaspace in use, from {@code jcmd <pid> GC.heap_info} ("Metaspace used 61234K, ..."). */
  static long metaspaceUsedBytes(long pid) {
    String jcmd = java.nio.file.Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
    Shell.Result r =
        Shell.run(jcmd + " " + pid + " GC.heap_info", Map.of(), Duration.ofSeconds(30));
    assertThat(r.exitCode()).as(r.output()).isZero();
    var m = java.util.regex.Pattern.compile("Metaspace\\s+used (\\d+)K").matcher(r.output());
    assertThat(m.find()).as(r.output()).isTrue();
    return Long.parseLong(m.group(1)) * 1024;
  }

  /**
   * What the Java buildpack's profile.d script (heroku-buildpack-jvm-common, opt/jvmcommon.sh) puts
   * in JAVA_TOOL_OPTIONS, which every JVM picks up, and before the app's own JAVA_OPTS, on a 512
   * MiB dyno (Eco, Basic, Standard-1X). The web line's own flags come later and win; the buildpack
   * sets no MALLOC_ARENA_MAX.
   */
  static final String DYNO_JVM_OPTIONS =
      "-Dfile.encoding=UTF-8 -XX:MaxRAM=536870912 -Xmx300m -Xss512k -XX:CICompilerCount=2";

  /** The app's JAVA_OPTS config var, after what the buildpack puts first. */
  static void setJavaOpts(Map<String, String> env, String configVar) {
    env.put("JAVA_OPTS", DYNO_JVM_OPTIONS + " " + configVar);
  }

  /** What Heroku puts in a web dyno's environment for this app. */
  static Map<String, String> herokuEnv(ThrowAwayPostgres db, int port) {
    Map<String, String> env = new HashMap<>();
    env.put("JAVA_TOOL_OPTIONS", DYNO_JVM_OPTIONS);
    env.put("JAVA_OPTS", DYNO_JVM_OPTIONS);
    // Config vars app.json declares with a value (e.g. ADMIN_BIND=127.0.0.1).
    // Config vars app.json requires the operator to set (the deploy form asks for them).
    Map<String, String> operator = Map.of("ALLOWED_HOSTS", "127.0.0.1,localhost");
    Repo.appJsonEnv()
        .forEach(
            (name, v) -> {
              if (v.has("value")) {
                env.put(name, v.get("value").asText());
              } else if (v.path("required").asBoolean() && !v.has("generator")) {
                assertThat(operator)
                    .as("a value for required config var %s", name)
                    .containsKey(name);
                env.put(name, operator.get(name));
              }
            });
    env.put("JWT_SECRET", ThrowAwayPostgres.randomHex(32)); // "generator": "secret"
    env.put("DATABASE_URL", db.platformUrl()); // the heroku-postgresql add-on
    env.put("PORT", String.valueOf(port)); // the router's port
    // Heroku would leave 8081 free on the dyno; a shared test machine might not.
    env.put("ADMIN_PORT", String.valueOf(Jar.freePort()));
    env.put("BCRYPT_COST", "4");
    env.put("DYNO", "web.1");
    return env;
  }
}
