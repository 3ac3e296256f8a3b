package dev.conduit.auth;

import at.favre.lib.crypto.bcrypt.BCrypt;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;

/**
 * bcrypt (at.favre.lib): salted, tunable, and verified in constant time. Chosen over Argon2id
 * because the Argon2 implementations available here pull in all of Bouncy Castle (8 MB) for one
 * function, and bcrypt at cost 12 is still the OWASP-accepted choice for this threat model.
 */
public final class PasswordHasher {
  /** bcrypt only reads the first 72 bytes; longer passwords are refused by validation. */
  public static final int MAX_PASSWORD_BYTES = 72;

  private final int cost;

  /**
   * Made on a background thread: one full bcrypt (about a quarter of a second's CPU at cost 12)
   * need not hold up start-up; a login that needs it before it is ready waits for it.
   */
  private final CompletableFuture<String> decoyHash;

  public PasswordHasher(int cost) {
    this.cost = cost;
    this.decoyHash = CompletableFuture.supplyAsync(() -> hash("decoy-password-for-timing"));
  }

  public String hash(String password) {
    return BCrypt.withDefaults().hashToString(cost, password.toCharArray());
  }

  /**
   * Whether {@code password} is the one {@code hash} was made from. A password over {@link
   * #MAX_PASSWORD_BYTES} cannot be one (registration refuses them), but it still costs one full
   * verification, so that an over-long guess answers like any wrong password and in the same time.
   */
  public boolean matches(String password, String hash) {
    byte[] bytes = password.getBytes(StandardCharsets.UTF_8);
    boolean tooLong = bytes.length > MAX_PASSWORD_BYTES;
    if (tooLong) {
      bytes = Arrays.copyOf(bytes, MAX_PASSWORD_BYTES);
    }
    boolean verified =
        BCrypt.verifyer().verify(bytes, hash.getBytes(StandardCharsets.UTF_8)).verified;
    return verified && !tooLong;
  }

  /**
   * A hash to verify against when the email is unknown, so that "no such user" costs as much time
   * as "wrong password" and login timing does not reveal which emails exist.
   */
  public String decoyHash() {
    return decoyHash.join();
  }
}
