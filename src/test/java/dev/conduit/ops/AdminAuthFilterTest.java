package dev.conduit.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class AdminAuthFilterTest {
  private final AdminAuthFilter filter = new AdminAuthFilter("admin", "s3cret:with colon");

  private static String basic(String userAndPassword) {
    return "Basic "
        + Base64.getEncoder().encodeToString(userAndPassword.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void acceptsTheRightUserAndPassword() {
    assertThat(filter.authorized(basic("admin:s3cret:with colon"))).isTrue();
    assertThat(filter.authorized(basic("admin:s3cret:with colon").replace("Basic", "basic")))
        .isTrue();
  }

  @Test
  void rejectsWrongMissingOrMalformedCredentials() {
    assertThat(filter.authorized(null)).isFalse();
    assertThat(filter.authorized("")).isFalse();
    assertThat(filter.authorized(basic("admin:wrong"))).isFalse();
    assertThat(filter.authorized(basic("root:s3cret:with colon"))).isFalse();
    assertThat(filter.authorized(basic("admin:s3cret:with colo"))).isFalse();
    assertThat(filter.authorized(basic("admin:s3cret:with colonn"))).isFalse();
    assertThat(filter.authorized(basic("admin"))).isFalse();
    assertThat(filter.authorized(basic(":"))).isFalse();
    assertThat(filter.authorized("Basic !!!not-base64!!!")).isFalse();
    assertThat(filter.authorized("Bearer " + basic("admin:s3cret:with colon").substring(6)))
        .isFalse();
  }

  @Test
  void onlyPingAndHealthcheckAreOpen() {
    assertThat(AdminAuthFilter.OPEN_PATHS).containsExactlyInAnyOrder("/ping", "/healthcheck");
  }

  @Test
  void refusesAnEmptyPassword() {
    assertThatThrownBy(() -> new AdminAuthFilter("admin", ""))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
