package dev.conduit.user;

import dev.conduit.support.TestDatabase;

class AccountsH2IT extends AccountsContract {
  @Override
  protected TestDatabase database() {
    return TestDatabase.h2();
  }
}
