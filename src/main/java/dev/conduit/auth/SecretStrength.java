package dev.conduit.auth;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Refuses secrets that are copied placeholders or too predictable to protect anything. The estimate
 * is length times the Shannon entropy of the secret's own characters: it cannot prove a secret
 * random, but it catches repeats ({@code xxxx...}), words and short passwords, while anything from
 * {@code openssl rand -hex 32} or {@code -base64 48} scores far above the bar.
 */
public final class SecretStrength {
  /** Fragments of documentation placeholders (compared without case and punctuation). */
  static final List<String> PLACEHOLDERS =
      List.of("changeme", "replaceme", "placeholder", "example", "notasecret", "insecure");

  private SecretStrength() {}

  /** True when {@code secret} contains a known placeholder fragment. */
  public static boolean isPlaceholder(String secret) {
    String letters = secret.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    return PLACEHOLDERS.stream().anyMatch(letters::contains);
  }

  /** Estimated bits: length x Shannon entropy of the character frequencies. */
  public static double estimatedBits(String secret) {
    byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
    if (bytes.length == 0) {
      return 0;
    }
    Map<Byte, Integer> counts = new HashMap<>();
    for (byte b : bytes) {
      counts.merge(b, 1, Integer::sum);
    }
    double perSymbol = 0;
    for (int count : counts.values()) {
      double p = (double) count / bytes.length;
      perSymbol -= p * Math.log(p) / Math.log(2);
    }
    return perSymbol * bytes.length;
  }

  /** Neither a placeholder nor below {@code minBits} of estimated entropy. */
  public static boolean isStrong(String secret, int minBits) {
    return !isPlaceholder(secret) && estimatedBits(secret) >= minBits;
  }
}
