package dev.conduit.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The parts of deploy/nginx/nginx.conf that NginxIT cannot observe from outside (or only
 * indirectly), checked on the directives themselves: TLS versions, balancing and retry policy,
 * upstream keep-alive, and that no location silently drops the server-level headers.
 */
class NginxConfigTest {
  private final String conf = stripComments(Repo.read("deploy/nginx/nginx.conf"));

  static String stripComments(String text) {
    StringBuilder out = new StringBuilder();
    for (String line : text.split("\n", -1)) {
      // No '#' appears inside a quoted value in this file.
      int hash = line.indexOf('#');
      out.append(hash < 0 ? line : line.substring(0, hash)).append('\n');
    }
    return out.toString();
  }

  /** The body of the first block named {@code header} (e.g. "upstream conduit_app"). */
  static String block(String text, String header) {
    int start = text.indexOf(header + " {");
    assertThat(start).as("block %s", header).isNotNegative();
    int depth = 0;
    for (int i = text.indexOf('{', start); i < text.length(); i++) {
      if (text.charAt(i) == '{') {
        depth++;
      } else if (text.charAt(i) == '}' && --depth == 0) {
        return text.substring(text.indexOf('{', start) + 1, i);
      }
    }
    throw new AssertionError("unclosed block " + header);
  }

  static List<String> locationBodies(String text) {
    List<String> bodies = new ArrayList<>();
    Matcher m = Pattern.compile("location [^{]+").matcher(text);
    while (m.find()) {
      bodies.add(block(text.substring(m.start()), m.group().strip()));
    }
    return bodies;
  }

  @Test
  void onlyTls12And13() {
    assertThat(conf).containsPattern("\\n\\s*ssl_protocols TLSv1\\.2 TLSv1\\.3;");
    assertThat(conf).doesNotContain("TLSv1.1").doesNotContain("SSLv3");
    assertThat(conf).contains("ssl_session_tickets off;");
  }

  @Test
  void balancesOnLeastConnectionsAndKeepsUpstreamConnectionsAlive() {
    String upstream = block(conf, "upstream conduit_app");
    assertThat(upstream).contains("least_conn;");
    assertThat(upstream)
        .containsPattern("server \\S+ max_fails=\\d+ fail_timeout=\\d+s( resolve)?;");
    assertThat(upstream).containsPattern("keepalive \\d+;");
    // Upstream keep-alive only works with HTTP/1.1 and a cleared Connection header.
    assertThat(conf)
        .contains("proxy_http_version 1.1;")
        .contains("proxy_set_header Connection \"\";");
  }

  @Test
  void retriesOnlyIdempotentRequestsOnAnotherInstance() {
    Matcher m = Pattern.compile("proxy_next_upstream ([^;]+);").matcher(conf);
    assertThat(m.find()).isTrue();
    assertThat(m.group(1)).contains("error", "timeout", "http_502", "http_503", "http_504");
    assertThat(m.group(1)).doesNotContain("non_idempotent");
    assertThat(conf).containsPattern("proxy_next_upstream_tries [2-9];");
  }

  @Test
  void rateLimitsTheApiAndMoreStrictlyLoginAndRegistration() {
    assertThat(conf).contains("limit_req_status 429;");
    assertThat(conf)
        .containsPattern("limit_req_zone \\$binary_remote_addr zone=api:\\S+ rate=\\d+r/s;");
    assertThat(conf)
        .containsPattern("limit_req_zone \\$binary_remote_addr zone=auth:\\S+ rate=\\d+r/m;");
    assertThat(block(conf, "location = /api/users/login")).contains("limit_req zone=auth");
    assertThat(block(conf, "location = /api/users")).contains("limit_req zone=auth");
    assertThat(block(conf, "location /api/")).contains("limit_req zone=api");
    assertThat(block(conf, "location = /health"))
        .doesNotContain("limit_req")
        .contains("access_log off;");
    assertThat(block(conf, "location /health/"))
        .doesNotContain("limit_req")
        .contains("access_log off;");
  }

  @Test
  void noLocationOverridesTheServerLevelHeaders() {
    // add_header / proxy_set_header in a location would replace (not extend) the inherited ones.
    for (String body : locationBodies(conf)) {
      assertThat(body).doesNotContain("add_header").doesNotContain("proxy_set_header");
    }
    String tls = null;
    for (int at = conf.indexOf("server {"); at >= 0; at = conf.indexOf("server {", at + 1)) {
      String body = block(conf.substring(at), "server");
      if (body.contains("listen 443 ")) {
        tls = body;
      }
    }
    assertThat(tls).as("the TLS server block").isNotNull();
    assertThat(tls).contains("add_header Strict-Transport-Security");
    assertThat(tls).contains("proxy_set_header X-Forwarded-For $remote_addr;");
    assertThat(tls).contains("proxy_set_header X-Forwarded-Proto $scheme;");
    assertThat(tls).contains("proxy_set_header X-Request-Id");
  }

  @Test
  void limitsBodiesAndCompressesJson() {
    assertThat(conf).containsPattern("client_max_body_size \\d+[km];");
    assertThat(conf).contains("gzip on;").containsPattern("gzip_types [^;]*application/json");
    assertThat(conf).contains("server_tokens off;");
  }

  @Test
  void neverProxiesTheAdminPort() {
    assertThat(conf).doesNotContain(":" + ProdConfig.load().adminPort());
  }

  /**
   * Recreated app containers get new addresses: nginx must look "app" up again (a resolver, a
   * shared zone and "resolve" on the server), not keep the address it read at start.
   */
  @Test
  void followsRecreatedAppContainers() {
    String upstream = block(conf, "upstream conduit_app");
    assertThat(upstream).containsPattern("zone \\w+ \\d+k;");
    assertThat(upstream).containsPattern("server app:\\d+ [^;]* resolve;");
    assertThat(conf).containsPattern("resolver 127\\.0\\.0\\.11 valid=\\d+s");
    String image = Repo.yaml("docker-compose.yml").at("/services/nginx/image").asText();
    var v = java.util.regex.Pattern.compile("nginx:1\\.(\\d+)(?:\\.(\\d+))?").matcher(image);
    assertThat(v.find()).as(image).isTrue();
    int minor = Integer.parseInt(v.group(1));
    assertThat(
            minor > 27 || (minor == 27 && v.group(2) != null && Integer.parseInt(v.group(2)) >= 3))
        .as("%s supports resolve on upstream servers (1.27.3+)", image)
        .isTrue();
  }

  /** "listen ... http2" is deprecated since nginx 1.25.1. */
  @Test
  void enablesHttp2WithTheHttp2Directive() {
    assertThat(conf).contains("http2 on;").doesNotContainPattern("listen [^;]*http2");
  }

  /** The TLS key the RUNBOOK has operators put there must never be committed. */
  @Test
  void certificatesAreGitIgnored() {
    assertThat(Repo.read(".gitignore").lines()).contains("deploy/nginx/certs/");
  }
}
