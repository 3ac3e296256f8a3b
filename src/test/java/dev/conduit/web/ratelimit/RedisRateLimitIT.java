package dev.conduit.web.ratelimit;

import static io.dropwizard.testing.ConfigOverride.config;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.codahale.metrics.health.HealthCheck;
import dev.conduit.support.Await;
import dev.conduit.support.Jar;
import dev.conduit.support.TestApp;
import dev.conduit.support.TestDatabase;
import dev.conduit.support.TestEnv;
import dev.conduit.web.LogCapture;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Buckets in a real Redis: two instances of the service share one limit; when Redis goes away the
 * service keeps serving with local buckets and says so in its health check and logs. Uses the
 * redis-server of scripts/test (TEST_REDIS_URL) and, for the outage, one this test starts and kills
 * itself.
 */
class RedisRateLimitIT {
  static final Map<String, Object> BAD_LOGIN = RateLimitIT.BAD_LOGIN;

  static String redisUrl() {
    return TestEnv.require(
        "TEST_REDIS_URL", "run the tests with `make test`, which starts redis-server");
  }

  static TestApp start(TestDatabase db, String redisUrl, String prefix) {
    return TestApp.start(
        db,
        config("edge.rateLimit.enabled", "true"),
        config("edge.rateLimit.redisUrl", redisUrl),
        config("edge.rateLimit.redisKeyPrefix", prefix));
  }

  static HealthCheck.Result health(TestApp app) {
    return app.environment().healthChecks().runHealthCheck("rate-limit");
  }

  @Test
  void twoInstancesShareOneLimit() {
    String prefix = "conduit-it:" + UUID.randomUUID() + ":";
    try (TestDatabase dbA = TestDatabase.h2();
        TestDatabase dbB = TestDatabase.h2();
        TestApp a = start(dbA, redisUrl(), prefix);
        TestApp b = start(dbB, redisUrl(), prefix)) {
      assertThat(health(a).getDetails()).containsEntry("buckets", "redis");
      assertThat(health(a).isHealthy()).isTrue();

      for (int i = 0; i < 3; i++) {
        assertThat(a.http().post("/users/login", BAD_LOGIN).status()).isEqualTo(401);
      }
      for (int i = 0; i < 2; i++) {
        assertThat(b.http().post("/users/login", BAD_LOGIN).status()).isEqualTo(401);
      }
      // Five used across the two: the sixth is refused by either.
      assertThat(a.http().post("/users/login", BAD_LOGIN).status()).isEqualTo(429);
      assertThat(b.http().post("/users/login", BAD_LOGIN).status()).isEqualTo(429);
    }
  }

  @Test
  void unreachableRedisAtStartUpMeansLocalBucketsAndADegradedHealthDetail() {
    String deadUrl = "redis://127.0.0.1:" + Jar.freePort();
    try (TestDatabase db = TestDatabase.h2();
        TestApp app = start(db, deadUrl, "conduit-it:")) {
      for (int i = 0; i < 5; i++) {
        assertThat(app.http().post("/users/login", BAD_LOGIN).status()).isEqualTo(401);
      }
      assertThat(app.http().post("/users/login", BAD_LOGIN).status()).isEqualTo(429);

      HealthCheck.Result result = health(app);
      assertThat(result.isHealthy()).isTrue();
      assertThat(result.getMessage()).startsWith("degraded: Redis unreachable");
      assertThat(result.getDetails())
          .containsEntry("buckets", "memory (Redis unreachable)")
          .containsEntry("degraded", true);
    }
  }

  @Test
  void redisGoingAwayMidRunFallsBackIsLoggedAndRecovers() throws Exception {
    try (OwnRedis redis = OwnRedis.start(Jar.freePort());
        TestDatabase db = TestDatabase.h2();
        TestApp app = start(db, redis.url(), "conduit-it:" + UUID.randomUUID() + ":")) {
      assertThat(app.http().post("/users/login", BAD_LOGIN).status()).isEqualTo(401);
      assertThat(health(app).getDetails()).containsEntry("buckets", "redis");

      try (LogCapture logs = new LogCapture()) {
        redis.kill();
        // Still served: counted locally now.
        for (int i = 0; i < 3; i++) {
          assertThat(app.http().post("/users/login", BAD_LOGIN).status()).isEqualTo(401);
        }
        assertThat(health(app).getMessage()).startsWith("degraded");
        assertThat(logs.messages())
            .anyMatch(m -> m.contains("Redis did not answer") && m.contains("local buckets"));

        // Back on the same port: the client reconnects and the buckets are shared again.
        try (OwnRedis again = OwnRedis.start(redis.port())) {
          await("buckets shared in Redis again")
              .atMost(Duration.ofSeconds(30))
              .pollInterval(Duration.ofMillis(250))
              .untilAsserted(
                  () -> {
                    assertThat(app.http().get("/user").status()).isEqualTo(401);
                    assertThat(health(app).getDetails()).containsEntry("buckets", "redis");
                  });
          assertThat(logs.messages()).anyMatch(m -> m.contains("Redis answers again"));
        }
      }
    }
  }

  /** A redis-server of this test's own on a free loopback port, killed on close. */
  static final class OwnRedis implements AutoCloseable {
    private final Process process;
    private final int port;
    private final Path dir;

    private OwnRedis(Process process, int port, Path dir) {
      this.process = process;
      this.port = port;
      this.dir = dir;
    }

    static OwnRedis start(int port) throws IOException, InterruptedException {
      Path dir = Files.createTempDirectory("conduit-own-redis");
      Process process =
          new ProcessBuilder(
                  List.of(
                      "redis-server",
                      "--port",
                      Integer.toString(port),
                      "--bind",
                      "127.0.0.1",
                      "--save",
                      "",
                      "--appendonly",
                      "no",
                      "--dir",
                      dir.toString()))
              .redirectErrorStream(true)
              .redirectOutput(dir.resolve("redis.log").toFile())
              .start();
      OwnRedis redis = new OwnRedis(process, port, dir);
      try {
        Await.untilUp(
            "redis-server",
            Duration.ofSeconds(10),
            redis::ping,
            process::isAlive,
            () -> readLog(dir));
        return redis;
      } catch (AssertionError e) {
        redis.close();
        throw e;
      }
    }

    String url() {
      return "redis://127.0.0.1:" + port;
    }

    int port() {
      return port;
    }

    private static String readLog(Path dir) {
      try {
        return "redis-server:\n" + Files.readString(dir.resolve("redis.log"));
      } catch (IOException e) {
        return "(no redis.log: " + e + ")";
      }
    }

    private boolean ping() {
      try (Socket socket = new Socket("127.0.0.1", port)) {
        OutputStream out = socket.getOutputStream();
        out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        InputStream in = socket.getInputStream();
        byte[] buffer = new byte[7];
        int n = in.read(buffer);
        return n > 0 && new String(buffer, 0, n, StandardCharsets.US_ASCII).startsWith("+PONG");
      } catch (IOException notYet) {
        return false;
      }
    }

    /** Stops the server (the outage); {@link #close()} also removes its directory. */
    void kill() {
      if (process.isAlive()) {
        process.destroy();
        try {
          if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
          }
        } catch (InterruptedException e) {
          process.destroyForcibly();
          Thread.currentThread().interrupt();
        }
      }
    }

    @Override
    public void close() {
      kill();
      if (!Files.exists(dir)) {
        return;
      }
      try (var files = Files.walk(dir)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
  }
}
