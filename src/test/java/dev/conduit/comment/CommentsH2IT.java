package dev.conduit.comment;

import dev.conduit.support.TestDatabase;

class CommentsH2IT extends CommentsContract {
  @Override
  protected TestDatabase database() {
    return TestDatabase.h2();
  }
}
