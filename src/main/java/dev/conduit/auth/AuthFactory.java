package dev.conduit.auth;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.conduit.config.Serving;
import io.dropwizard.util.Duration;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Token and password settings. Builds the {@link Tokens} and {@link PasswordHasher}. */
public class AuthFactory {
  private static final Logger LOG = LoggerFactory.getLogger(AuthFactory.class);
  static final int MIN_SECRET_BYTES = 32;

  /** HMAC key for HS256; 32 bytes is the key size the algorithm's security assumes (RFC 7518). */
  private String jwtSecret = "";

  /** Development only: with no secret, make a random one per start (tokens die on restart). */
  private boolean allowEphemeralSecret = false;

  @NotNull private Duration tokenTtl = Duration.days(7);

  /**
   * How long a user's token version is cached: a revocation made on another instance (or a user
   * deleted in the database) takes effect here within this time. 0 checks every request.
   */
  @NotNull private Duration tokenVersionCacheTtl = Duration.seconds(30);

  /** bcrypt work factor: 2^cost rounds. 12 is about 250 ms here, the OWASP-suggested range. */
  @Min(4)
  @Max(31)
  private int bcryptCost = 12;

  /** Estimated entropy a signing key must show: random 16 bytes score about 120 as hex. */
  static final int MIN_SECRET_BITS = 128;

  @AssertTrue(groups = Serving.class, message = "JWT_SECRET is missing or shorter than 32 bytes")
  @JsonProperty(access = JsonProperty.Access.READ_ONLY)
  public boolean isJwtSecretSafe() {
    return allowEphemeralSecret && jwtSecret.isEmpty() || secretBytes().length >= MIN_SECRET_BYTES;
  }

  /** A copied example (deploy/k8s/secret.example.yaml) or a repeat would be a public key. */
  @AssertTrue(
      groups = Serving.class,
      message =
          "JWT_SECRET is a placeholder or too predictable: generate one with `openssl rand -hex 32`")
  @JsonProperty(access = JsonProperty.Access.READ_ONLY)
  public boolean isJwtSecretUnguessable() {
    return jwtSecret.length() < MIN_SECRET_BYTES
        || SecretStrength.isStrong(jwtSecret, MIN_SECRET_BITS);
  }

  public Tokens buildTokens() {
    byte[] key = secretBytes();
    if (key.length == 0 && allowEphemeralSecret) {
      key = new byte[MIN_SECRET_BYTES];
      new SecureRandom().nextBytes(key);
      LOG.warn("JWT_SECRET is not set: using a random key; tokens will not survive a restart");
    }
    return new Tokens(key, tokenTtl.toJavaDuration());
  }

  /** Keyed by the JWT secret, so every instance names an account alike (random in development). */
  public AccountRefs buildAccountRefs() {
    byte[] key = secretBytes();
    if (key.length == 0) {
      key = new byte[MIN_SECRET_BYTES];
      new SecureRandom().nextBytes(key);
    }
    return new AccountRefs(key);
  }

  public TokenVersions buildTokenVersions(Jdbi jdbi) {
    return new TokenVersions(jdbi, tokenVersionCacheTtl.toJavaDuration());
  }

  public PasswordHasher buildPasswordHasher() {
    return new PasswordHasher(bcryptCost);
  }

  private byte[] secretBytes() {
    return jwtSecret == null ? new byte[0] : jwtSecret.getBytes(StandardCharsets.UTF_8);
  }

  @JsonProperty
  public void setJwtSecret(String jwtSecret) {
    this.jwtSecret = jwtSecret == null ? "" : jwtSecret;
  }

  @JsonProperty
  public boolean isAllowEphemeralSecret() {
    return allowEphemeralSecret;
  }

  @JsonProperty
  public void setAllowEphemeralSecret(boolean allowEphemeralSecret) {
    this.allowEphemeralSecret = allowEphemeralSecret;
  }

  @JsonProperty
  public Duration getTokenTtl() {
    return tokenTtl;
  }

  @JsonProperty
  public void setTokenTtl(Duration tokenTtl) {
    this.tokenTtl = tokenTtl;
  }

  @JsonProperty
  public Duration getTokenVersionCacheTtl() {
    return tokenVersionCacheTtl;
  }

  @JsonProperty
  public void setTokenVersionCacheTtl(Duration tokenVersionCacheTtl) {
    this.tokenVersionCacheTtl = tokenVersionCacheTtl;
  }

  @JsonProperty
  public int getBcryptCost() {
    return bcryptCost;
  }

  @JsonProperty
  public void setBcryptCost(int bcryptCost) {
    this.bcryptCost = bcryptCost;
  }

  /** A random secret in the form an operator would put in JWT_SECRET (used by docs and tests). */
  public static String randomSecret() {
    byte[] bytes = new byte[48];
    new SecureRandom().nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
