package dev.conduit.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.codahale.metrics.MetricRegistry;
import io.dropwizard.db.ManagedPooledDataSource;
import io.dropwizard.util.Duration;
import org.junit.jupiter.api.Test;

/** The settings the {@code db} commands get, and the CA text handling of the TLS settings. */
class ConduitDataSourceFactoryTest {

  @Test
  void migrationsUseTheirOwnUrlAndSessionTimeouts() {
    var service = new ConduitDataSourceFactory();
    service.setUrl("postgres://app:secret@pooler:6432/conduit");
    service.getMigration().setUrl("postgres://owner:other@db.internal:5432/conduit");
    service.getMigration().setLockTimeout(Duration.seconds(3));

    var m = service.forMigrations();

    assertThat(m.getUrl()).isEqualTo("jdbc:postgresql://db.internal:5432/conduit");
    assertThat(m.getUser()).isEqualTo("owner");
    assertThat(m.getPassword()).isEqualTo("other");
    assertThat(m.getMaxSize()).isEqualTo(1);
    assertThat(m.getProperties())
        .containsEntry("options", "-c lock_timeout=3000 -c statement_timeout=120000")
        .containsEntry("ApplicationName", "conduit-migrate")
        // A statement may run 2 minutes: the socket must not give up first.
        .containsEntry("socketTimeout", "150");
  }

  @Test
  void withoutAMigrationUrlTheServiceUrlAndCredentialsAreUsed() {
    var service = new ConduitDataSourceFactory();
    service.setUrl("postgres://app:secret@db:5432/conduit");
    service.setSslMode("verify-full");
    service.setSslRootCert("/etc/ssl/db-ca.pem");

    var m = service.forMigrations();

    assertThat(m.getUrl()).isEqualTo("jdbc:postgresql://db:5432/conduit");
    assertThat(m.getUser()).isEqualTo("app");
    assertThat(m.getPassword()).isEqualTo("secret");
    assertThat(m.getSslMode()).isEqualTo("verify-full");
    assertThat(m.getSslRootCert()).isEqualTo("/etc/ssl/db-ca.pem");
  }

  @Test
  void behindATransactionPoolerTheDbCommandsNeedADirectUrl() {
    var service = new ConduitDataSourceFactory();
    service.setUrl("postgres://app:secret@pgbouncer:6432/conduit");
    service.setTransactionPooler(true);

    assertThatThrownBy(service::forMigrations)
        .hasMessageContaining("set MIGRATION_DATABASE_URL")
        .hasMessageNotContaining("secret");
  }

  @Test
  void h2GetsNoPostgresSessionOptions() {
    var service = new ConduitDataSourceFactory();
    service.setUrl("jdbc:h2:mem:x;MODE=PostgreSQL");

    assertThat(service.forMigrations().getProperties()).doesNotContainKey("options");
  }

  @Test
  void aCertificateWhoseLineBreaksWereFoldedIsRebuilt() {
    String folded =
        "-----BEGIN CERTIFICATE----- MIIBszCCAVmgAwIBAgIU ABCD+/== -----END CERTIFICATE-----"
            + " -----BEGIN CERTIFICATE----- QUJD -----END CERTIFICATE-----";

    assertThat(DatabaseTls.normalizedPem(folded))
        .isEqualTo(
            """
            -----BEGIN CERTIFICATE-----
            MIIBszCCAVmgAwIBAgIUABCD+/==
            -----END CERTIFICATE-----
            -----BEGIN CERTIFICATE-----
            QUJD
            -----END CERTIFICATE-----
            """);
  }

  @Test
  void textThatOnlyLooksLikePemIsRefused() {
    assertThatThrownBy(() -> DatabaseTls.normalizedPem("-----BEGIN nothing"))
        .hasMessageContaining("DATABASE_SSLROOTCERT");
  }

  @Test
  void thePoolHandsOutStatementsWithoutTheReflectiveFacade() throws Exception {
    var factory = new ConduitDataSourceFactory();
    factory.setUrl("postgres://user:secret@127.0.0.1:5432/conduit");
    var dataSource = factory.build(new MetricRegistry(), "test");
    try {
      assertThat(dataSource).isInstanceOf(ManagedPooledDataSource.class);
      assertThat(((ManagedPooledDataSource) dataSource).getPoolProperties().getUseStatementFacade())
          .isFalse();
    } finally {
      dataSource.stop();
    }
  }

  @Test
  void theServiceAndTheDbCommandsGetDriverTimeoutsAndConfiguredOnesWin() throws Exception {
    var service = new ConduitDataSourceFactory();
    service.setUrl("postgres://app:secret@127.0.0.1:5432/conduit");
    service.setProperties(java.util.Map.of("connectTimeout", "2"));
    var migrations = service.forMigrations();

    service.build(new MetricRegistry(), "service").stop();
    migrations.build(new MetricRegistry(), "migrations").stop();

    assertThat(service.getProperties())
        .containsEntry("connectTimeout", "2")
        .containsEntry("loginTimeout", "5")
        .containsEntry("socketTimeout", "30");
    assertThat(migrations.getProperties())
        .containsEntry("connectTimeout", "2")
        .containsEntry("loginTimeout", "5")
        // its own: as long as a migration statement may run, and a bit more
        .containsEntry("socketTimeout", "150");
  }

  @Test
  void h2GetsNoPostgresDriverTimeouts() throws Exception {
    var factory = new ConduitDataSourceFactory();
    factory.setUrl("jdbc:h2:mem:timeouts;MODE=PostgreSQL");
    factory.setAllowH2(true);

    factory.build(new MetricRegistry(), "h2").stop();

    assertThat(factory.getProperties()).doesNotContainKeys("connectTimeout", "socketTimeout");
  }

  @Test
  void sqlCommentsAreOffSoJdbiParsesEachTemplateOnce() {
    assertThat(new ConduitDataSourceFactory().isAutoCommentsEnabled()).isFalse();
  }
}
