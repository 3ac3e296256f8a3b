package dev.conduit.article;

import dev.conduit.support.TestDatabase;

class ArticlesH2IT extends ArticlesContract {
  @Override
  protected TestDatabase database() {
    return TestDatabase.h2();
  }
}
