package dev.conduit.auth;

import java.security.Principal;

/**
 * The caller, as proven by a valid token: only the user id (a username in the token would go stale
 * when the user renames) and the token version it was issued under, plus the token itself so that
 * responses can echo it (never logged: toString leaves it out).
 */
public record AuthUser(long id, int tokenVersion, String token) implements Principal {
  @Override
  public String toString() {
    return "AuthUser[id=" + id + ", tokenVersion=" + tokenVersion + "]";
  }

  @Override
  public String getName() {
    return Long.toString(id);
  }
}
