package dev.conduit.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conduit.ops.PromQl.Matcher;
import dev.conduit.ops.PromQl.Selector;
import dev.conduit.ops.PromQl.Series;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PromQlTest {

  @Test
  void findsTheSelectorsOfAnExpressionButNotFunctionsLabelsOrDurations() {
    List<Selector> found =
        PromQl.selectors(
            """
            1 - sum by (job, le) (rate(http_server_requests_seconds_bucket{job="conduit",le=~"1(\\\\.0)?"}[5m]))
              / on (job) group_left sum without (state) (rate(x_total[$__rate_interval] offset 1h))
              > bool 0.5 and up unless absent(y{a!="b", c!~'d'}) or histogram_quantile(0.99, z)
            """);
    assertThat(found)
        .containsExactly(
            new Selector(
                "http_server_requests_seconds_bucket",
                List.of(new Matcher("job", "=", "conduit"), new Matcher("le", "=~", "1(\\.0)?"))),
            new Selector("x_total", List.of()),
            new Selector("up", List.of()),
            new Selector("y", List.of(new Matcher("a", "!=", "b"), new Matcher("c", "!~", "d"))),
            new Selector("z", List.of()));
  }

  @Test
  void aSelectorSelectsSeriesByNameAndMatchers() {
    List<Series> scrape =
        PromQl.series(
            """
            # TYPE h histogram
            h_bucket{operation="list",le="1.0"} 3
            g 1.0
            """);
    assertThat(scrape)
        .containsExactly(
            new Series("h_bucket", Map.of("operation", "list", "le", "1.0")),
            new Series("g", Map.of()));
    Selector bucket = PromQl.selectors("h_bucket{job=\"c\",le=~\"1(\\\\.0)?\"}").get(0);
    assertThat(bucket.selects(scrape.get(0), Set.of("job"))).isTrue();
    assertThat(bucket.selects(scrape.get(0), Set.of())).as("job is not in a scrape").isFalse();
    assertThat(PromQl.selectors("h_bucket{le=\"1\"}").get(0).selects(scrape.get(0), Set.of()))
        .isFalse();
    assertThat(PromQl.selectors("g{state=\"\"}").get(0).selects(scrape.get(1), Set.of())).isTrue();
  }
}
