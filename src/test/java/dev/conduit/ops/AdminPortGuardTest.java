package dev.conduit.ops;

import static org.assertj.core.api.Assertions.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.STRING;

import dev.conduit.config.Serving;
import io.dropwizard.core.server.DefaultServerFactory;
import io.dropwizard.jetty.HttpConnectorFactory;
import java.util.List;
import org.junit.jupiter.api.Test;

class AdminPortGuardTest {

  private static DefaultServerFactory adminBoundTo(String host) {
    var connector = new HttpConnectorFactory();
    connector.setBindHost(host);
    var server = new DefaultServerFactory();
    server.setAdminConnectors(List.of(connector));
    return server;
  }

  private static OpsFactory password(String password) {
    var ops = new OpsFactory();
    ops.adminPassword = password;
    return ops;
  }

  @Test
  void aPublicAdminBindWithoutPasswordIsRefusedWithOneLine() {
    for (String host : new String[] {"0.0.0.0", "::", "10.1.2.3", "admin.internal", null}) {
      // NotServable: ConfigErrorReporting prints each problem as one line, no stack trace.
      assertThatThrownBy(() -> AdminPortGuard.check(adminBoundTo(host), password("")))
          .as(String.valueOf(host))
          .isInstanceOfSatisfying(
              Serving.NotServable.class,
              e ->
                  assertThat(e.problems())
                      .singleElement(as(STRING))
                      .contains("ADMIN_PASSWORD is not set")
                      .contains("ADMIN_BIND=127.0.0.1")
                      .doesNotContain("\n"));
    }
  }

  @Test
  void loopbackOrAPasswordIsAccepted() {
    for (String host : new String[] {"127.0.0.1", "::1", "localhost", "127.0.0.2"}) {
      assertThatCode(() -> AdminPortGuard.check(adminBoundTo(host), password("")))
          .as(host)
          .doesNotThrowAnyException();
    }
    assertThatCode(() -> AdminPortGuard.check(adminBoundTo("0.0.0.0"), password("s3cret-pass")))
        .doesNotThrowAnyException();
  }
}
