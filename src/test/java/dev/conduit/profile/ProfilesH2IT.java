package dev.conduit.profile;

import dev.conduit.support.TestDatabase;

class ProfilesH2IT extends ProfilesContract {
  @Override
  protected TestDatabase database() {
    return TestDatabase.h2();
  }
}
