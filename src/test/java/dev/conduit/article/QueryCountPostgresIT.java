package dev.conduit.article;

import dev.conduit.support.TestDatabase;

class QueryCountPostgresIT extends QueryCountContract {
  @Override
  protected TestDatabase database() {
    return TestDatabase.postgres();
  }
}
