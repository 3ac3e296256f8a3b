package dev.conduit.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conduit.support.Jar;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * config-prod.yml binds the admin port to every interface unless ADMIN_BIND says otherwise: without
 * ADMIN_PASSWORD the server must refuse to start, with one line and no stack trace. (The accepted
 * cases, loopback or a password, are what every other production-config test starts with.)
 */
class AdminPortGuardIT {

  @Test
  void productionRefusesAnOpenAdminPort() {
    Map<String, String> env = new HashMap<>();
    env.put("DATABASE_URL", "postgres://conduit:unused@127.0.0.1:1/conduit");
    env.put("JWT_SECRET", "admin-guard-test-secret-0123456789-abcdefghij");
    env.put("ALLOWED_HOSTS", "127.0.0.1");
    env.put("PORT", Integer.toString(Jar.freePort()));
    env.put("ADMIN_PORT", Integer.toString(Jar.freePort()));
    // No ADMIN_BIND (default 0.0.0.0) and no ADMIN_PASSWORD.

    var result = Jar.run(env, "server", "config-prod.yml");

    assertThat(result.exitCode()).as(result.output()).isNotZero();
    assertThat(result.output())
        .contains(
            "ADMIN_PASSWORD is not set but the admin port is bound to 0.0.0.0: set ADMIN_PASSWORD,"
                + " or ADMIN_BIND=127.0.0.1 to keep the port on loopback")
        .doesNotContain("\tat ")
        .doesNotContain("Exception");
  }
}
