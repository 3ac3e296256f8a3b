package dev.conduit.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class JsonErrorHandlerTest {

  private static String body(int status) {
    return new String(new JsonErrorHandler(4096).bodyFor(status).json(), StandardCharsets.UTF_8);
  }

  @Test
  void clientErrorsNameTheReason() {
    assertThat(body(404)).isEqualTo("{\"errors\":{\"request\":[\"not found\"]}}");
    assertThat(body(400)).isEqualTo("{\"errors\":{\"request\":[\"bad request\"]}}");
    assertThat(body(431))
        .isEqualTo("{\"errors\":{\"request\":[\"request header fields too large\"]}}");
  }

  @Test
  void bodiesOverTheLimitNameIt() {
    assertThat(body(413))
        .isEqualTo("{\"errors\":{\"body\":[\"is too large (maximum is 4096 bytes)\"]}}");
  }

  @Test
  void serverErrorsSayNothingMore() {
    for (int status : new int[] {500, 502, 503}) {
      assertThat(body(status)).isEqualTo("{\"errors\":{\"server\":[\"internal error\"]}}");
    }
  }
}
