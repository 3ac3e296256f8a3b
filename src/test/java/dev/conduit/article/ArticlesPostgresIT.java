package dev.conduit.article;

import dev.conduit.support.TestDatabase;

class ArticlesPostgresIT extends ArticlesContract {
  @Override
  protected TestDatabase database() {
    return TestDatabase.postgres();
  }
}
