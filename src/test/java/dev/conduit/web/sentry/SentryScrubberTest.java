package dev.conduit.web.sentry;

import static org.assertj.core.api.Assertions.assertThat;

import io.sentry.Breadcrumb;
import io.sentry.Hint;
import io.sentry.SentryEvent;
import io.sentry.protocol.Message;
import io.sentry.protocol.Request;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SentryScrubberTest {
  static final String JWT =
      "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIiwiZXhwIjoxNzAwMDAwMDAwfQ.abcdefghijklmnopqrstuvwxyz012345";

  @Test
  void masksTokensPasswordsAndUrlCredentialsInText() {
    assertThat(SentryScrubber.scrub("Authorization: Token " + JWT)).doesNotContain(JWT);
    assertThat(SentryScrubber.scrub("bearer abcdefghijklmnop")).isEqualTo("bearer [Filtered]");
    assertThat(SentryScrubber.scrub("{\"password\":\"hunter2\",\"email\":\"a@b.c\"}"))
        .doesNotContain("hunter2")
        .doesNotContain("a@b.c");
    assertThat(SentryScrubber.scrub("password=hunter2&x=1")).isEqualTo("password=[Filtered]&x=1");
    assertThat(SentryScrubber.scrub("postgres://app:s3cret@db:5432/x"))
        .isEqualTo("postgres://app:[Filtered]@db:5432/x");
    assertThat(SentryScrubber.scrub("nothing to hide here")).isEqualTo("nothing to hide here");
    assertThat(SentryScrubber.scrub(null)).isNull();
  }

  @Test
  void dropsRequestCredentialsCookiesAndBodies() {
    SentryEvent event = new SentryEvent();
    Request request = new Request();
    Map<String, String> headers = new HashMap<>();
    headers.put("Authorization", "Token " + JWT);
    headers.put("Cookie", "session=abc");
    headers.put("X-Request-Id", "req-1");
    request.setHeaders(headers);
    request.setCookies("session=abc");
    request.setData(Map.of("user", Map.of("password", "hunter2")));
    event.setRequest(request);
    Message message = new Message();
    message.setFormatted("login failed for password=hunter2");
    event.setMessage(message);
    event.setBreadcrumbs(List.of(new Breadcrumb("got Token " + JWT)));
    event.getContexts().put("MDC", new HashMap<>(Map.of("requestId", "req-1", "token", "t")));

    SentryEvent out = new SentryScrubber().execute(event, new Hint());

    assertThat(out.getRequest().getHeaders())
        .containsEntry("Authorization", "[Filtered]")
        .containsEntry("Cookie", "[Filtered]")
        .containsEntry("X-Request-Id", "req-1");
    assertThat(out.getRequest().getCookies()).isNull();
    assertThat(out.getRequest().getData()).isNull();
    assertThat(out.getMessage().getFormatted()).doesNotContain("hunter2");
    assertThat(out.getBreadcrumbs().get(0).getMessage()).doesNotContain(JWT);
    @SuppressWarnings("unchecked")
    Map<String, Object> mdc = (Map<String, Object>) out.getContexts().get("MDC");
    assertThat(mdc).containsEntry("requestId", "req-1").containsEntry("token", "[Filtered]");
  }

  @Test
  void masksBcryptHashesAndEmailAddresses() {
    String hash = "$2a$12$R9h/cIPz0gi.URNNX3kh2OPST9/PgBkqquzi.Ss7KIUgO2t0jWMUW";
    String jdbiStyle =
        "Unable to execute, arguments:{named:{passwordHash:"
            + hash
            + ",email:someone.else@mail.example.org,id:7}}";

    String scrubbed = SentryScrubber.scrub(jdbiStyle);

    assertThat(scrubbed)
        .doesNotContain(hash)
        .doesNotContain("$2a$12$")
        .doesNotContain("someone.else@mail.example.org")
        .contains("id:7");
  }
}
