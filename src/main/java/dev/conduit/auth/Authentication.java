package dev.conduit.auth;

import java.util.Optional;

/**
 * A token is accepted when it is well signed and unexpired ({@link Tokens}) and its user still
 * exists at the same token version ({@link TokenVersions}). Checked by {@link InvalidTokenFilter},
 * once per request.
 */
public final class Authentication {
  private final Tokens tokens;
  private final TokenVersions versions;

  public Authentication(Tokens tokens, TokenVersions versions) {
    this.tokens = tokens;
    this.versions = versions;
  }

  public Optional<AuthUser> authenticate(String token) {
    return tokens.verify(token).filter(versions::isCurrent);
  }
}
