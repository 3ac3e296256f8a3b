package dev.conduit.user;

import dev.conduit.support.TestDatabase;

class UsernamesH2IT extends UsernamesContract {
  @Override
  protected TestDatabase database() {
    return TestDatabase.h2();
  }
}
