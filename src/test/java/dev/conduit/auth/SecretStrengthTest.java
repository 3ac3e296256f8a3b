package dev.conduit.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class SecretStrengthTest {
  @Test
  void documentationPlaceholdersAreRefusedWhateverTheirLength() {
    assertThat(SecretStrength.isStrong("CHANGE-ME-to-at-least-32-random-bytes", 128)).isFalse();
    assertThat(SecretStrength.isStrong("CHANGE-ME-admin-port-password", 64)).isFalse();
    assertThat(SecretStrength.isStrong("replace_me_with_a_long_random_value_please", 64)).isFalse();
    assertThat(SecretStrength.isStrong("your-secret-PLACEHOLDER-value-0123456789", 64)).isFalse();
  }

  @Test
  void repeatsAndWordsScoreBelowTheBar() {
    assertThat(SecretStrength.estimatedBits("x".repeat(48))).isZero();
    assertThat(SecretStrength.isStrong("abcabcabcabcabcabcabcabcabcabcabcabc", 128)).isFalse();
    assertThat(SecretStrength.isStrong("hunter2", 64)).isFalse();
    assertThat(SecretStrength.isStrong("password", 64)).isFalse();
  }

  @Test
  void generatedSecretsPass() {
    SecureRandom random = new SecureRandom();
    for (int i = 0; i < 200; i++) {
      byte[] b32 = new byte[32];
      random.nextBytes(b32);
      assertThat(SecretStrength.isStrong(HexFormat.of().formatHex(b32), 128)).isTrue();
      assertThat(SecretStrength.isStrong(AuthFactory.randomSecret(), 128)).isTrue();
      byte[] b16 = new byte[16];
      random.nextBytes(b16);
      assertThat(SecretStrength.isStrong(HexFormat.of().formatHex(b16), 64)).isTrue();
    }
  }
}
