package dev.conduit.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conduit.web.ErrorBody;
import org.junit.jupiter.api.Test;

class InvalidTokenFilterTest {
  @Test
  void tokenRefusalsAreTheTokenBodyWithAChallenge() {
    var reply = InvalidTokenFilter.unauthorized();
    assertThat(reply.getStatus()).isEqualTo(401);
    assertThat(reply.getHeaderString("WWW-Authenticate")).isEqualTo("Token realm=\"conduit\"");
    assertThat(reply.getEntity())
        .isEqualTo(ErrorBody.of("token", "is missing, invalid or expired"));
  }
}
