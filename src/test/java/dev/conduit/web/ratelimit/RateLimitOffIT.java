package dev.conduit.web.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conduit.support.Jar;
import dev.conduit.support.TestDatabase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Rate limiting switched off in production (RATE_LIMIT_ENABLED=false) is said at start-up, as a
 * WARN line, and on every {@code /healthcheck}, so nobody runs without it by accident.
 */
class RateLimitOffIT {

  @Test
  void productionSaysSoAtStartUpAndInTheHealthCheck() throws Exception {
    try (TestDatabase db = TestDatabase.postgres()) {
      Map<String, String> env = new HashMap<>();
      env.put("JDBC_DATABASE_URL", db.url());
      env.put("JWT_SECRET", "rate-limit-off-test-secret-0123456789-abcdef");
      env.put("ALLOWED_HOSTS", "127.0.0.1");
      env.put("PORT", Integer.toString(Jar.freePort()));
      String adminPort = Integer.toString(Jar.freePort());
      env.put("ADMIN_PORT", adminPort);
      env.put("ADMIN_BIND", "127.0.0.1");
      env.put("RATE_LIMIT_ENABLED", "false");

      try (Jar server = Jar.start(env, "server", "config-prod.yml")) {
        server.awaitApi(env.get("PORT"));
        assertThat(server.output())
            .containsPattern("\"level\":\"WARN\".*rate limiting is OFF \\(edge.rateLimit.enabled");

        HttpResponse<String> health =
            HttpClient.newHttpClient()
                .send(
                    HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + adminPort + "/healthcheck"))
                        .build(),
                    HttpResponse.BodyHandlers.ofString());
        assertThat(health.body())
            .contains("\"rate-limit\":{\"healthy\":true,\"message\":\"rate limiting is OFF");
      }
    }
  }
}
