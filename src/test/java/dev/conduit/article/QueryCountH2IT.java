package dev.conduit.article;

import dev.conduit.support.TestDatabase;

class QueryCountH2IT extends QueryCountContract {
  @Override
  protected TestDatabase database() {
    return TestDatabase.h2();
  }
}
