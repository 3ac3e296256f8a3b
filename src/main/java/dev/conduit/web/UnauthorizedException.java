package dev.conduit.web;

/**
 * 401 from inside a request that passed the token check, when the token turns out to name nobody:
 * the user was deleted (or a backup without them restored) after the token was issued. The same
 * body as every other token refusal.
 */
public class UnauthorizedException extends ApiException {
  private static final long serialVersionUID = 1L;

  public UnauthorizedException() {
    super(401, "token", JsonUnauthorizedHandler.MESSAGE);
  }
}
