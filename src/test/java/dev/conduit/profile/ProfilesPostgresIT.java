package dev.conduit.profile;

import dev.conduit.support.TestDatabase;

class ProfilesPostgresIT extends ProfilesContract {
  @Override
  protected TestDatabase database() {
    return TestDatabase.postgres();
  }
}
