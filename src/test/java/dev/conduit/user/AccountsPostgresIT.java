package dev.conduit.user;

import dev.conduit.support.TestDatabase;

class AccountsPostgresIT extends AccountsContract {
  @Override
  protected TestDatabase database() {
    return TestDatabase.postgres();
  }
}
