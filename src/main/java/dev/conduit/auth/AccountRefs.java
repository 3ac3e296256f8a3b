package dev.conduit.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A stable, opaque reference to an account by its (normalized) email, for places that must name an
 * account but may not hold the email: rate-limit keys in Redis and audit events. A keyed hash
 * (HMAC-SHA256 under a key derived from the JWT secret), so that someone with the logs cannot
 * recover an address by hashing a list of candidates. Equal on every instance that shares the
 * secret.
 */
public final class AccountRefs {
  private final SecretKeySpec key;

  public AccountRefs(byte[] secret) {
    // A key of its own: never reuse the token signing key as is for another purpose.
    this.key =
        new SecretKeySpec(
            hmac(new SecretKeySpec(secret, "HmacSHA256"), "account-ref"), "HmacSHA256");
  }

  /** 24 hex digits (96 bits): plenty to tell accounts apart, useless to identify one. */
  public String of(String normalizedEmail) {
    return HexFormat.of().formatHex(hmac(key, normalizedEmail), 0, 12);
  }

  private static byte[] hmac(SecretKeySpec key, String data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is always available", e);
    }
  }
}
