package dev.conduit.auth;

import io.dropwizard.auth.Authenticator;
import java.util.Optional;

/** dropwizard-auth's bridge: a bearer credential in, the caller (or nobody) out. */
public final class TokenAuthenticator implements Authenticator<String, AuthUser> {
  private final Tokens tokens;

  public TokenAuthenticator(Tokens tokens) {
    this.tokens = tokens;
  }

  @Override
  public Optional<AuthUser> authenticate(String token) {
    return tokens.verify(token);
  }
}
