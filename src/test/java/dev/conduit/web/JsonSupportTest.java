package dev.conduit.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.jackson.Jackson;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class JsonSupportTest {
  private final ObjectMapper mapper = Jackson.newObjectMapper();

  JsonSupportTest() {
    JsonSupport.configure(mapper);
  }

  @Test
  void datesAreUtcWithExactlyThreeFractionalDigitsEvenOnAWholeSecond() throws Exception {
    assertThat(mapper.writeValueAsString(Instant.parse("2026-12-01T07:00:00Z")))
        .isEqualTo("\"2026-12-01T07:00:00.000Z\"");
    assertThat(mapper.writeValueAsString(Instant.parse("2026-12-01T07:00:00.120Z")))
        .isEqualTo("\"2026-12-01T07:00:00.120Z\"");
    assertThat(mapper.writeValueAsString(new Dated(Instant.parse("1999-12-31T23:59:59.999Z"))))
        .isEqualTo("{\"at\":\"1999-12-31T23:59:59.999Z\"}");
  }

  record Dated(Instant at) {}
}
