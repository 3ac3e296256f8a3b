package dev.conduit.web;

import dev.conduit.web.text.PlainText;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Path segments and query values name things (slugs, usernames, tags), so they are {@link
 * PlainText}; a {@code %00} among them would reach SQL and make PostgreSQL fail. Refused here, once
 * for every route: 400 naming the query parameter, or {@code path}.
 */
@PreMatching
public class ControlCharacterFilter implements ContainerRequestFilter {
  private static final Predicate<String> PLAIN_TEXT =
      Pattern.compile(PlainText.SINGLE_LINE).asMatchPredicate();

  @Override
  public void filter(ContainerRequestContext request) {
    var uri = request.getUriInfo();
    Optional<String> field =
        !PLAIN_TEXT.test(uri.getPath(true))
            ? Optional.of("path")
            : uri.getQueryParameters(true).entrySet().stream()
                .filter(
                    p ->
                        !PLAIN_TEXT.test(p.getKey()) || !p.getValue().stream().allMatch(PLAIN_TEXT))
                .map(p -> PLAIN_TEXT.test(p.getKey()) ? p.getKey() : "query")
                .findFirst();
    field.ifPresent(
        f ->
            request.abortWith(
                ErrorBody.of(f, "must not contain control characters").toResponse(400)));
  }
}
