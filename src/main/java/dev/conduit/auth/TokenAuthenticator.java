package dev.conduit.auth;

import io.dropwizard.auth.Authenticator;
import java.util.Optional;

/** dropwizard-auth's bridge: a bearer credential in, the caller (or nobody) out. */
public final class TokenAuthenticator implements Authenticator<String, AuthUser> {
  private final Authentication authentication;

  public TokenAuthenticator(Authentication authentication) {
    this.authentication = authentication;
  }

  @Override
  public Optional<AuthUser> authenticate(String token) {
    return authentication.authenticate(token);
  }
}
