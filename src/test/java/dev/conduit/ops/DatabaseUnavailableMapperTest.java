package dev.conduit.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.sql.SQLException;
import org.apache.tomcat.jdbc.pool.PoolExhaustedException;
import org.jdbi.v3.core.ConnectionException;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.junit.jupiter.api.Test;

class DatabaseUnavailableMapperTest {

  @Test
  void poolTimeoutsRefusedConnectionsAndConnectionStatesAreOutages() {
    assertThat(
            DatabaseUnavailableMapper.isOutage(
                new ConnectionException(new PoolExhaustedException("t"))))
        .isTrue();
    assertThat(
            DatabaseUnavailableMapper.isOutage(
                new ConnectionException(new SQLException("x", "08001"))))
        .isTrue();
    assertThat(
            DatabaseUnavailableMapper.isOutage(
                new UnableToExecuteStatementException(new SQLException("io", "08006"), null)))
        .isTrue();
    assertThat(
            DatabaseUnavailableMapper.isOutage(
                new UnableToExecuteStatementException(new SQLException("cancel", "57014"), null)))
        .isTrue();
    assertThat(
            DatabaseUnavailableMapper.isOutage(
                new RuntimeException(new ConnectException("refused"))))
        .isTrue();
    assertThat(DatabaseUnavailableMapper.isOutage(new SQLException("shutting down", "57P01")))
        .isTrue();
  }

  @Test
  void bugsAndConstraintViolationsAreNot() {
    assertThat(
            DatabaseUnavailableMapper.isOutage(
                new UnableToExecuteStatementException(new SQLException("dup", "23505"), null)))
        .isFalse();
    assertThat(
            DatabaseUnavailableMapper.isOutage(
                new UnableToExecuteStatementException(new SQLException("syntax", "42601"), null)))
        .isFalse();
    assertThat(DatabaseUnavailableMapper.isOutage(new IllegalStateException("bug"))).isFalse();
    assertThat(DatabaseUnavailableMapper.isOutage(new SQLException("no state"))).isFalse();
  }
}
