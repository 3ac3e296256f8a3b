package dev.conduit.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PasswordHasherTest {
  final PasswordHasher hasher = new PasswordHasher(4);

  @Test
  void hashesVerifyOnlyTheirPassword() {
    String hash = hasher.hash("correct horse");

    assertThat(hash).startsWith("$2a$04$");
    assertThat(hasher.matches("correct horse", hash)).isTrue();
    assertThat(hasher.matches("correct horsf", hash)).isFalse();
  }

  @Test
  void theSamePasswordHashesDifferentlyEachTime() {
    assertThat(hasher.hash("pw")).isNotEqualTo(hasher.hash("pw"));
  }

  @Test
  void theDecoyMatchesNoOrdinaryPassword() {
    assertThat(hasher.matches("password1", hasher.decoyHash())).isFalse();
  }

  @Test
  void aPasswordOverSeventyTwoBytesIsAWrongPasswordNotAnError() {
    String exactly72 = "p".repeat(72);
    String hash = hasher.hash(exactly72);

    assertThat(hasher.matches(exactly72, hash)).isTrue();
    // Same first 72 bytes: bcrypt alone would say yes; it is not the password that was set.
    assertThat(hasher.matches(exactly72 + "x", hash)).isFalse();
    assertThat(hasher.matches("é".repeat(100), hasher.decoyHash())).isFalse();
  }
}
