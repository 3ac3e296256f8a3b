package dev.conduit.user;

import dev.conduit.support.TestDatabase;

class UsernamesPostgresIT extends UsernamesContract {
  @Override
  protected TestDatabase database() {
    return TestDatabase.postgres();
  }
}
