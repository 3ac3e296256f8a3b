package dev.conduit.web;

import dev.conduit.web.text.Text;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;

/**
 * Path segments and query values name things (slugs, usernames, tags) that can never hold control
 * characters (see {@link Text}); a {@code %00} among them would reach SQL and make PostgreSQL fail.
 * Refused here, once for every route: 400 naming the query parameter, or {@code path}.
 */
@PreMatching
public class ControlCharacterFilter implements ContainerRequestFilter {
  @Override
  public void filter(ContainerRequestContext request) {
    var uri = request.getUriInfo();
    if (!Text.isAllowed(uri.getPath(true), false)) {
      request.abortWith(refuse("path"));
      return;
    }
    for (Map.Entry<String, List<String>> param : uri.getQueryParameters(true).entrySet()) {
      boolean bad = !Text.isAllowed(param.getKey(), false);
      for (String value : param.getValue()) {
        bad |= !Text.isAllowed(value, false);
      }
      if (bad) {
        request.abortWith(refuse(Text.isAllowed(param.getKey(), false) ? param.getKey() : "query"));
        return;
      }
    }
  }

  private static Response refuse(String field) {
    return Response.status(400)
        .type(MediaType.APPLICATION_JSON_TYPE)
        .entity(ErrorBody.of(field, "must not contain control characters"))
        .build();
  }
}
