package dev.conduit.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DatabaseUrlTest {

  @Test
  void herokuFormBecomesJdbcWithCredentialsApart() {
    var url =
        DatabaseUrl.parse("postgres://alice:s%40cret@db.internal:6543/conduit?sslmode=require");

    assertThat(url.jdbcUrl())
        .isEqualTo("jdbc:postgresql://db.internal:6543/conduit?sslmode=require");
    assertThat(url.user()).contains("alice");
    assertThat(url.password()).contains("s@cret");
    assertThat(url.driverClass()).isEqualTo("org.postgresql.Driver");
  }

  @Test
  void defaultPortIs5432() {
    assertThat(DatabaseUrl.parse("postgresql://u:p@host/db").jdbcUrl())
        .isEqualTo("jdbc:postgresql://host:5432/db");
  }

  @Test
  void jdbcAndH2UrlsPassThrough() {
    assertThat(DatabaseUrl.parse("jdbc:postgresql://h/db?user=u").jdbcUrl())
        .isEqualTo("jdbc:postgresql://h/db?user=u");
    var h2 = DatabaseUrl.parse("jdbc:h2:file:./var/x;MODE=PostgreSQL");
    assertThat(h2.isH2()).isTrue();
    assertThat(h2.driverClass()).isEqualTo("org.h2.Driver");
  }

  @Test
  void refusalsNeverEchoTheUrl() {
    assertThatThrownBy(() -> DatabaseUrl.parse("mysql://root:hunter2@h/db"))
        .hasMessageContaining("DATABASE_URL")
        .hasMessageNotContaining("hunter2");
    assertThatThrownBy(() -> DatabaseUrl.parse("postgres://root:hunter2@/"))
        .hasMessageNotContaining("hunter2");
    assertThatThrownBy(() -> DatabaseUrl.parse(" ")).hasMessageContaining("not set");
  }

  @Test
  void toStringHidesQueryCredentials() {
    assertThat(DatabaseUrl.parse("jdbc:postgresql://h/db?user=u&password=p").toString())
        .doesNotContain("password=p");
  }
}
