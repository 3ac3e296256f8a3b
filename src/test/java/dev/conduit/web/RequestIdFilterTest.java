package dev.conduit.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RequestIdFilterTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "a",
        "abc-123",
        "A.B_C-d",
        "0123456789012345678901234567890123456789012345678901234567890123"
      })
  void safeIdsAreKept(String id) {
    assertThat(RequestIdFilter.acceptOrGenerate(id)).isEqualTo(id);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        " ",
        "has space",
        "new\nline",
        "<script>",
        "a;b",
        "ünï",
        "a/b",
        "01234567890123456789012345678901234567890123456789012345678901234"
      })
  void unsafeIdsAreReplaced(String id) {
    assertThat(RequestIdFilter.acceptOrGenerate(id)).isNotEqualTo(id).hasSize(36);
  }

  @Test
  void missingIdsAreGeneratedFresh() {
    assertThat(RequestIdFilter.acceptOrGenerate(null))
        .isNotEqualTo(RequestIdFilter.acceptOrGenerate(null));
  }

  @Test
  void generatedIdsAreVersionFourUuids() {
    var id = java.util.UUID.fromString(RequestIdFilter.acceptOrGenerate(null));
    assertThat(id.version()).isEqualTo(4);
    assertThat(id.variant()).isEqualTo(2);
  }

  @Test
  void validTraceparentsPass() {
    String tp = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
    assertThat(RequestIdFilter.validTraceparent(tp)).isEqualTo(tp);
    assertThat(RequestIdFilter.validTraceparent(" " + tp + " ")).isEqualTo(tp);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "garbage",
        "00-00000000000000000000000000000000-00f067aa0ba902b7-01",
        "00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01",
        "ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
        "00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01",
        "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-extra"
      })
  void invalidTraceparentsAreDropped(String value) {
    assertThat(RequestIdFilter.validTraceparent(value)).isNull();
  }
}
