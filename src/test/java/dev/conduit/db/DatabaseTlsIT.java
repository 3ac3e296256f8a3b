package dev.conduit.db;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conduit.support.Jar;
import dev.conduit.support.PostgresCluster;
import dev.conduit.support.TestDatabase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * TLS to a real PostgreSQL started with {@code ssl=on}, a throw-away CA made by openssl, and pg_hba
 * rules that refuse unencrypted connections. The shaded jar is started as operators start it:
 * verify-full connects (JDBC and Heroku URL forms, CA as a file or as PEM text); a wrong CA, a host
 * name the certificate does not hold, plain text, and a server without TLS stop start-up with a
 * sentence naming the problem.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DatabaseTlsIT {
  private static final String DB = "conduit_tls";

  private Path certs;
  private PostgresCluster cluster;

  @BeforeAll
  void startTlsPostgres() throws Exception {
    certs = Files.createTempDirectory("conduit-tls-");
    openssl(
        """
        set -e
        ec() { openssl ecparam -name prime256v1 -genkey -noout -out "$1"; }
        ec ca.key
        openssl req -x509 -new -key ca.key -sha256 -days 2 -subj /CN=conduit-test-ca -out ca.crt
        ec other-ca.key
        openssl req -x509 -new -key other-ca.key -sha256 -days 2 -subj /CN=other-ca -out other-ca.crt
        ec server.key
        openssl req -new -key server.key -subj /CN=localhost -out server.csr
        printf 'subjectAltName=DNS:localhost\\n' > san.ext
        openssl x509 -req -in server.csr -CA ca.crt -CAkey ca.key -CAcreateserial -days 2 \\
          -sha256 -extfile san.ext -out server.crt
        """);
    cluster =
        PostgresCluster.start(
            Map.of(
                "server.crt",
                certs.resolve("server.crt"),
                "server.key",
                certs.resolve("server.key")),
            List.of("ssl = on", "ssl_cert_file = 'server.crt'", "ssl_key_file = 'server.key'"),
            List.of(
                "hostssl all all 127.0.0.1/32 scram-sha-256",
                "hostnossl all all 127.0.0.1/32 reject"));
    cluster.superuserSql("postgres", "CREATE DATABASE " + DB + " OWNER conduit");
  }

  @AfterAll
  void stop() throws IOException {
    if (cluster != null) {
      cluster.close();
    }
    try (Stream<Path> walk = Files.walk(certs)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  @Test
  void verifyFullConnectsAndEveryConnectionIsEncrypted() throws Exception {
    int port = Jar.freePort();
    Map<String, String> env = env(cluster.url("localhost", DB, ""), "verify-full", ca("ca.crt"));
    env.put("PORT", Integer.toString(port));
    env.put("ADMIN_PORT", Integer.toString(Jar.freePort()));
    try (Jar server = Jar.start(env, "server", "config.yml")) {
      var http = server.awaitApi(Integer.toString(port));
      assertThat(http.get("/tags").status()).as(server.output()).isEqualTo(200);

      try (var c = DriverManager.getConnection(cluster.url("localhost", DB, sslFull()));
          var rs =
              c.createStatement()
                  .executeQuery(
                      "SELECT count(*), count(*) FILTER (WHERE s.ssl) FROM pg_stat_activity a"
                          + " JOIN pg_stat_ssl s USING (pid)"
                          + " WHERE a.datname = '"
                          + DB
                          + "' AND a.pid <> pg_backend_pid()")) {
        rs.next();
        assertThat(rs.getInt(1)).as("the service's pooled connections").isPositive();
        assertThat(rs.getInt(2)).as("encrypted ones").isEqualTo(rs.getInt(1));
      }
    }
  }

  @Test
  void herokuUrlFormWithTheCaAsPemTextMigrates() throws Exception {
    String pem = Files.readString(certs.resolve("ca.crt"), StandardCharsets.US_ASCII);
    String heroku = "postgres://conduit:conduit@localhost:" + cluster.port() + "/" + DB;
    var status = Jar.run(env(heroku, "verify-full", pem), "db", "migrate", "config.yml");
    assertThat(status.exitCode()).as(status.output()).isZero();
    var upToDate = Jar.run(env(heroku, "verify-full", pem), "db", "status", "config.yml");
    assertThat(upToDate.output()).contains("is up to date");
  }

  @Test
  void aCertificateFromAnotherCaStopsStartUp() {
    assertStartUpRefused(
        env(cluster.url("localhost", DB, ""), "verify-full", ca("other-ca.crt")),
        "database TLS (sslMode verify-full): the server's certificate is not signed by the CA in"
            + " sslRootCert (DATABASE_SSLROOTCERT)");
  }

  @Test
  void aHostNameTheCertificateDoesNotHoldStopsStartUp() {
    assertStartUpRefused(
        env(cluster.url("127.0.0.1", DB, ""), "verify-full", ca("ca.crt")),
        "the server's certificate does not name the host in the database URL"
            + " (jdbc:postgresql://127.0.0.1:"
            + cluster.port()
            + "/"
            + DB
            + "?…)");
  }

  @Test
  void plainTextIsRefusedByAServerThatRequiresTls() {
    assertStartUpRefused(
        env(cluster.url("localhost", DB, ""), "disable", ""),
        "refuses unencrypted connections; set sslMode (DATABASE_SSLMODE) to verify-full");
  }

  @Test
  void verifyFullRefusesAServerWithoutTls() {
    // The cluster scripts/test started has ssl off.
    String plainServer = TestDatabase.baseUrl();
    assertStartUpRefused(
        env(plainServer, "verify-full", ca("ca.crt")),
        "does not offer TLS, and this mode requires it");
  }

  @Test
  void verifyFullWithoutACaIsAConfigurationError() {
    assertStartUpRefused(
        env(cluster.url("localhost", DB, ""), "verify-full", ""),
        "sslMode verify-ca and verify-full need sslRootCert (DATABASE_SSLROOTCERT)");
  }

  private void assertStartUpRefused(Map<String, String> env, String message) {
    env.put("PORT", Integer.toString(Jar.freePort()));
    env.put("ADMIN_PORT", Integer.toString(Jar.freePort()));
    try (Jar server = Jar.start(env, "server", "config.yml")) {
      int code = server.waitFor(Duration.ofMinutes(2));
      assertThat(code).as(server.output()).isNotZero();
      assertThat(server.output()).contains(message).doesNotContain("password=conduit");
    }
  }

  private Map<String, String> env(String url, String mode, String rootCert) {
    Map<String, String> env = new HashMap<>();
    env.put("DATABASE_URL", url);
    env.put("DATABASE_SSLMODE", mode);
    env.put("DATABASE_SSLROOTCERT", rootCert);
    return env;
  }

  private String ca(String name) {
    return certs.resolve(name).toString();
  }

  private String sslFull() {
    return "sslmode=verify-full&sslrootcert=" + ca("ca.crt");
  }

  private void openssl(String script) throws Exception {
    Process p =
        new ProcessBuilder("bash", "-c", script)
            .directory(certs.toFile())
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as(out).isZero();
  }
}
