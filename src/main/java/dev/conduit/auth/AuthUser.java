package dev.conduit.auth;

import java.security.Principal;

/**
 * The caller, as proven by a valid token: only the user id (a username in the token would go stale
 * when the user renames), plus the token itself so that responses can echo it.
 */
public record AuthUser(long id, String token) implements Principal {
  @Override
  public String getName() {
    return Long.toString(id);
  }
}
