package dev.conduit.db;

import static org.assertj.core.api.Assertions.assertThat;

import com.codahale.metrics.MetricRegistry;
import io.dropwizard.db.ManagedPooledDataSource;
import org.junit.jupiter.api.Test;

class ConduitDataSourceFactoryTest {
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
  void sqlCommentsAreOffSoJdbiParsesEachTemplateOnce() {
    assertThat(new ConduitDataSourceFactory().isAutoCommentsEnabled()).isFalse();
  }
}
