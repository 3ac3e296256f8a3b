package dev.conduit.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class AccountRefsTest {
  private static final byte[] SECRET =
      "a-secret-that-is-long-enough-for-hs256!!".getBytes(StandardCharsets.UTF_8);

  @Test
  void sameEmailSameRefOnEveryInstance_withoutTheEmailInIt() {
    String ref = new AccountRefs(SECRET).of("alice@example.com");
    assertThat(new AccountRefs(SECRET).of("alice@example.com")).isEqualTo(ref);
    assertThat(ref).hasSize(24).matches("[0-9a-f]+").doesNotContain("alice");
    assertThat(new AccountRefs(SECRET).of("bob@example.com")).isNotEqualTo(ref);
  }

  @Test
  void anotherSecretGivesAnotherRef() {
    byte[] other = "another-secret-that-is-long-enough-too!!".getBytes(StandardCharsets.UTF_8);
    assertThat(new AccountRefs(other).of("alice@example.com"))
        .isNotEqualTo(new AccountRefs(SECRET).of("alice@example.com"));
  }
}
