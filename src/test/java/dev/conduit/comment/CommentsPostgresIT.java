package dev.conduit.comment;

import dev.conduit.support.TestDatabase;

class CommentsPostgresIT extends CommentsContract {
  @Override
  protected TestDatabase database() {
    return TestDatabase.postgres();
  }
}
