package dev.conduit.auth;

import static dev.conduit.support.Users.login;
import static io.dropwizard.testing.ConfigOverride.config;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.conduit.support.Http;
import dev.conduit.support.TestApp;
import dev.conduit.support.TestDatabase;
import dev.conduit.support.Users;
import dev.conduit.web.LogCapture;
import io.dropwizard.testing.ConfigOverride;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Per-account login throttling, password changes under the credential limit, IPv6 /64 client keys
 * and the audit trail, against the real application on PostgreSQL. Client networks are simulated
 * with X-Forwarded-For from a trusted proxy (loopback), as nginx would send them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CredentialAbuseIT {
  private static final AtomicInteger NAMES = new AtomicInteger();
  private TestDatabase db;

  @BeforeAll
  void database() {
    db = TestDatabase.postgres();
  }

  @AfterAll
  void close() {
    db.close();
  }

  private TestApp start(ConfigOverride... extra) {
    List<ConfigOverride> overrides = new ArrayList<>(List.of(extra));
    overrides.add(config("edge.rateLimit.enabled", "true"));
    overrides.add(config("edge.trustedProxies", "127.0.0.1/32"));
    return TestApp.start(db, overrides.toArray(ConfigOverride[]::new));
  }

  private static Http from(TestApp app, String address) {
    return app.http().withHeader("X-Forwarded-For", address);
  }

  private static String name() {
    return "abuse" + NAMES.incrementAndGet() + "x" + System.nanoTime() % 100_000;
  }

  /** Registers {@code name} from a network of its own; returns its token. */
  private static String register(TestApp app, String name) {
    return Users.register(from(app, "192.0.2.250"), name, Users.email(name), "right-password");
  }

  @Test
  void failedLoginsFromOneNetworkAreThrottled_theOwnerElsewhereStillGetsIn() {
    try (TestApp app = start(config("edge.rateLimit.authBurst", "1000"))) {
      String victim = name();
      register(app, victim);
      Http attacker = from(app, "203.0.113.10");
      for (int i = 0; i < 5; i++) {
        assertThat(
                attacker.post("/users/login", login(victim + "@example.com", "guess" + i)).status())
            .isEqualTo(401);
      }

      var throttled = attacker.post("/users/login", login(victim + "@Example.com", "guess-6"));
      assertThat(throttled.status()).as(throttled.body()).isEqualTo(429);
      assertThat(Integer.parseInt(throttled.header("Retry-After"))).isBetween(1, 60);
      assertThat(throttled.json().at("/errors/email or password/0").asText())
          .startsWith("too many failed logins; retry in");
      // Refused before the password is checked: even the right one does not get in from there.
      assertThat(
              attacker
                  .post("/users/login", login(victim + "@example.com", "right-password"))
                  .status())
          .isEqualTo(429);

      var owner =
          from(app, "198.51.100.20")
              .post("/users/login", login(victim + "@example.com", "right-password"));
      assertThat(owner.status()).as(owner.body()).isEqualTo(200);
    }
  }

  @Test
  void aDrainedAccountBucketDoesNotLockOutACleanNetwork_andAtypoWaitsBriefly() {
    try (TestApp app =
        start(
            config("edge.rateLimit.authBurst", "1000"),
            config("edge.rateLimit.accountLoginFailureBurst", "3"),
            config("edge.rateLimit.accountLoginFailuresPerMinute", "4"))) {
      String victim = name();
      register(app, victim);
      String email = victim + "@example.com";
      // A distributed guesser: one try from each of three networks drains the account bucket.
      for (int i = 1; i <= 3; i++) {
        assertThat(from(app, "203.0.113." + i).post("/users/login", login(email, "guess")).status())
            .isEqualTo(401);
      }
      // Its networks have failed before: the account-wide bucket now refuses them.
      var again = from(app, "203.0.113.1").post("/users/login", login(email, "guess"));
      assertThat(again.status()).as(again.body()).isEqualTo(429);

      // The owner's network has no failure: it is never refused by the account-wide bucket.
      Http owner = from(app, "198.51.100.30");
      assertThat(owner.post("/users/login", login(email, "right-password")).status())
          .isEqualTo(200);
      // After a typo of their own they wait at most one account refill (60 s / 4 = 15 s).
      assertThat(owner.post("/users/login", login(email, "typo")).status()).isEqualTo(401);
      var wait = owner.post("/users/login", login(email, "right-password"));
      assertThat(wait.status()).as(wait.body()).isEqualTo(429);
      assertThat(Integer.parseInt(wait.header("Retry-After"))).isBetween(1, 15);
    }
  }

  @Test
  void aSuccessfulLoginForgivesEarlierTyposFromThatNetwork() {
    try (TestApp app = start(config("edge.rateLimit.authBurst", "1000"))) {
      String user = name();
      register(app, user);
      Http me = from(app, "198.51.100.40");
      String email = user + "@example.com";
      for (int round = 0; round < 2; round++) {
        for (int i = 0; i < 4; i++) {
          assertThat(me.post("/users/login", login(email, "typo")).status()).isEqualTo(401);
        }
        assertThat(me.post("/users/login", login(email, "right-password")).status()).isEqualTo(200);
      }
    }
  }

  @Test
  void passwordChangesDrawFromTheCredentialLimit_otherEditsDoNot() {
    try (TestApp app = start(config("edge.rateLimit.authBurst", "3"))) {
      String token = register(app, name());
      Http me = from(app, "198.51.100.50").withToken(token);
      for (int i = 0; i < 3; i++) {
        var changed = me.put("/user", Map.of("user", Map.of("password", "new-password-" + i)));
        assertThat(changed.status()).as(changed.body()).isEqualTo(200);
        token = changed.json().at("/user/token").asText();
        me = from(app, "198.51.100.50").withToken(token);
      }
      var limited = me.put("/user", Map.of("user", Map.of("password", "one-more-password")));
      assertThat(limited.status()).as(limited.body()).isEqualTo(429);
      assertThat(limited.header("Retry-After")).isNotBlank();
      assertThat(me.put("/user", Map.of("user", Map.of("bio", "just a bio"))).status())
          .isEqualTo(200);
      // The refused change did not happen: the last password still works.
      assertThat(
              from(app, "198.51.100.51")
                  .post("/users/login", login(currentEmail(me), "new-password-2"))
                  .status())
          .isEqualTo(200);
    }
  }

  @Test
  void ipv6ClientsShareTheBucketOfTheirSlash64() {
    try (TestApp app = start(config("edge.rateLimit.authBurst", "2"))) {
      var nobody = login("nobody@example.com", "wrong-password");
      assertThat(from(app, "2001:db8:5:6::1").post("/users/login", nobody).status()).isEqualTo(401);
      assertThat(from(app, "2001:db8:5:6::2").post("/users/login", nobody).status()).isEqualTo(401);
      // A third address in the same /64: the same client as far as limits go.
      assertThat(from(app, "2001:db8:5:6:ffff::3").post("/users/login", nobody).status())
          .isEqualTo(429);
      assertThat(from(app, "2001:db8:5:7::1").post("/users/login", nobody).status()).isEqualTo(401);
    }
  }

  @Test
  void securityEventsAreAuditedAsJsonWithoutSecrets() throws Exception {
    try (TestApp app = start(config("edge.rateLimit.authBurst", "1000"));
        LogCapture logs = new LogCapture()) {
      String user = name();
      String email = user + "@example.com";
      String token = register(app, user);
      Http net = from(app, "198.51.100.60");
      assertThat(net.post("/users/login", login(email, "right-password")).status()).isEqualTo(200);
      for (int i = 0; i < 6; i++) {
        net.post("/users/login", login(email, "wrong-password"));
      }
      var changed =
          net.withToken(token)
              .put(
                  "/user",
                  Map.of("user", Map.of("password", "brand-new-password", "email", "n" + email)));
      assertThat(changed.status()).as(changed.body()).isEqualTo(200);
      assertThat(net.withToken(token + "x").get("/user").status()).isEqualTo(401);

      List<ILoggingEvent> audit =
          logs.events().stream().filter(e -> e.getLoggerName().equals("audit")).toList();
      List<String> kinds = new ArrayList<>();
      var json = new com.fasterxml.jackson.databind.ObjectMapper();
      for (ILoggingEvent e : audit) {
        var event = json.readTree(e.getFormattedMessage());
        kinds.add(event.get("auditEvent").asText() + ":" + event.get("outcome").asText());
        assertThat(e.getMDCPropertyMap())
            .containsEntry("auditEvent", event.get("auditEvent").asText());
      }
      assertThat(kinds)
          .contains(
              "signup:success",
              "login:success",
              "login:failure",
              "login:throttled",
              "password.change:success",
              "email.change:success",
              "token:rejected");
      for (ILoggingEvent e : audit) {
        assertThat(e.getFormattedMessage() + e.getMDCPropertyMap())
            .doesNotContain(user)
            .doesNotContain("@")
            .doesNotContain("password\":\"")
            .doesNotContain("right-password")
            .doesNotContain("brand-new-password")
            .doesNotContain(token);
      }
    }
  }

  private static String currentEmail(Http me) {
    return me.get("/user").json().at("/user/email").asText();
  }
}
