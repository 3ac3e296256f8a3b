package dev.conduit.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conduit.support.Await;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Real nginx running deploy/nginx/nginx.conf as a non-daemon child: its own prefix, pid, temp and
 * log files under a temp directory, listening on 127.0.0.1 only, with a throw-away self-signed
 * certificate. The only edits to the file are the listen addresses, the upstream server line (one
 * per instance, same parameters) and the worker user; each must match exactly once.
 */
final class Nginx implements AutoCloseable {
  final Path dir;
  final int httpPort;
  final int httpsPort;
  final SSLContext tls;
  private final Process process;

  private Nginx(Path dir, int httpPort, int httpsPort, SSLContext tls, Process process) {
    this.dir = dir;
    this.httpPort = httpPort;
    this.httpsPort = httpsPort;
    this.tls = tls;
    this.process = process;
  }

  static String binary() {
    String configured = System.getenv("TEST_NGINX_BIN");
    if (configured != null && !configured.isBlank()) {
      return configured;
    }
    for (String candidate : List.of("/usr/sbin/nginx", "/usr/local/sbin/nginx", "/usr/bin/nginx")) {
      if (Files.isExecutable(Path.of(candidate))) {
        return candidate;
      }
    }
    throw new IllegalStateException(
        "nginx not found: scripts/test installs Debian's nginx as root; or set TEST_NGINX_BIN");
  }

  /** deploy/nginx/nginx.conf with the environment-specific lines swapped. */
  static String render(String conf, int httpPort, int httpsPort, List<Integer> upstreams) {
    boolean root = "root".equals(System.getProperty("user.name"));
    conf = replaceOnce(conf, "(?m)^user nginx;$", root ? "user nobody nogroup;" : "");
    conf =
        replaceOnce(
            conf, "listen 80 default_server;", "listen 127.0.0.1:" + httpPort + " default_server;");
    conf =
        replaceOnce(
            conf,
            "listen 443 ssl default_server;",
            "listen 127.0.0.1:" + httpsPort + " ssl default_server;");
    if (!supportsHttp2Directive()) {
      // Debian 12's nginx (1.22) predates "http2 on;" (1.25.1): the listen flag is its spelling.
      conf =
          replaceOnce(
              conf,
              "listen 127.0.0.1:" + httpsPort + " ssl default_server;\n    http2 on;",
              "listen 127.0.0.1:" + httpsPort + " ssl http2 default_server;");
    }
    // Loopback ports instead of the compose service name, so no "resolve" (nothing to look up).
    Matcher m = Pattern.compile("(?m)^(\\s*)server app:8080( [^;]*?)(?: resolve)?;$").matcher(conf);
    assertThat(m.find()).as("the upstream server line").isTrue();
    StringBuilder servers = new StringBuilder();
    for (int port : upstreams) {
      servers
          .append(m.group(1))
          .append("server 127.0.0.1:")
          .append(port)
          .append(m.group(2))
          .append(";\n");
    }
    String rendered =
        conf.substring(0, m.start()) + servers.toString().stripTrailing() + conf.substring(m.end());
    assertThat(m.find()).as("exactly one upstream server line").isFalse();
    return rendered;
  }

  /** nginx >= 1.25.1 has the "http2" directive. */
  static boolean supportsHttp2Directive() {
    try {
      Process p = new ProcessBuilder(binary(), "-v").redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes());
      p.waitFor();
      Matcher v = Pattern.compile("nginx/(\\d+)\\.(\\d+)\\.(\\d+)").matcher(out);
      if (!v.find()) {
        return true;
      }
      int major = Integer.parseInt(v.group(1));
      int minor = Integer.parseInt(v.group(2));
      int patch = Integer.parseInt(v.group(3));
      return major > 1 || minor > 25 || (minor == 25 && patch >= 1);
    } catch (Exception e) {
      throw new IllegalStateException("cannot run nginx -v", e);
    }
  }

  private static String replaceOnce(String text, String literalOrRegex, String replacement) {
    Pattern p =
        literalOrRegex.startsWith("(?m)")
            ? Pattern.compile(literalOrRegex)
            : Pattern.compile(Pattern.quote(literalOrRegex));
    Matcher m = p.matcher(text);
    assertThat(m.results().count())
        .as("'%s' occurs once in nginx.conf", literalOrRegex)
        .isEqualTo(1);
    return p.matcher(text).replaceFirst(Matcher.quoteReplacement(replacement));
  }

  static Nginx start(List<Integer> upstreams) throws Exception {
    Path dir = Files.createTempDirectory("conduit-nginx-");
    // Workers (nobody when we are root) must reach the prefix to use their temp dirs.
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path conf = Files.createDirectories(dir.resolve("conf"));
    Path certs = Files.createDirectories(conf.resolve("certs"));
    Path crt = certs.resolve("tls.crt");
    Path key = certs.resolve("tls.key");
    Shell.Result openssl =
        Shell.run(
            "openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=localhost"
                + " -addext subjectAltName=DNS:localhost,IP:127.0.0.1"
                + " -keyout '"
                + key
                + "' -out '"
                + crt
                + "'",
            java.util.Map.of(),
            Duration.ofSeconds(60));
    assertThat(openssl.exitCode()).as(openssl.output()).isZero();

    int http = dev.conduit.support.Jar.freePort();
    int https = dev.conduit.support.Jar.freePort();
    Files.writeString(
        conf.resolve("nginx.conf"),
        render(Repo.read("deploy/nginx/nginx.conf"), http, https, upstreams));

    ProcessBuilder pb =
        new ProcessBuilder(
                binary(),
                "-p",
                dir + "/",
                "-c",
                conf.resolve("nginx.conf").toString(),
                "-e",
                dir.resolve("error.log").toString(),
                "-g",
                "daemon off; pid " + dir.resolve("nginx.pid") + ";")
            .redirectOutput(dir.resolve("access.log").toFile())
            .redirectError(dir.resolve("stderr.log").toFile());
    Process process = pb.start();
    Nginx nginx = new Nginx(dir, http, https, trusting(crt), process);
    try {
      Await.untilListening("nginx", https, Duration.ofSeconds(20), process::isAlive, nginx::errors);
      return nginx;
    } catch (AssertionError e) {
      nginx.close();
      throw e;
    }
  }

  /** A TLS context that trusts exactly the throw-away certificate (hostnames are verified). */
  private static SSLContext trusting(Path crt) throws Exception {
    X509Certificate cert;
    try (InputStream in = Files.newInputStream(crt)) {
      cert = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
    }
    KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
    ks.load(null, null);
    ks.setCertificateEntry("nginx", cert);
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(ks);
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(null, tmf.getTrustManagers(), null);
    return ctx;
  }

  String accessLog() {
    return read("access.log");
  }

  String errors() {
    return read("stderr.log") + read("error.log");
  }

  private String read(String name) {
    try {
      Path p = dir.resolve(name);
      return Files.exists(p) ? Files.readString(p, StandardCharsets.UTF_8) : "";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() throws Exception {
    process.destroy(); // SIGTERM: fast shutdown of master and workers
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
    }
    try (var files = Files.walk(dir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
