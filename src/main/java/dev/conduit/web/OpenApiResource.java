package dev.conduit.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Objects;

/**
 * {@code GET /api/openapi.json}: the OpenAPI document of this service's API. Registered only when
 * {@code edge.openApi} is on (development), so production answers 404.
 *
 * <p>The document is the checked-in contract ({@code openapi/conduit.yml}, the RealWorld spec with
 * {@code servers} pointing at {@code /api}), not one generated from the resources: generation would
 * describe {@code @Auth} parameters as request bodies and lose the error and security schemes
 * unless every resource carried Swagger annotations. {@code OpenApiDocumentIT} keeps the two honest
 * by checking that every route the running service serves is in the document.
 */
@Path("/openapi.json")
public class OpenApiResource {
  static final String DOCUMENT = "/openapi/conduit.yml";

  private final JsonNode document;

  public OpenApiResource() {
    var yaml = Objects.requireNonNull(getClass().getResource(DOCUMENT), DOCUMENT + " is missing");
    try {
      document = new YAMLMapper().readTree(yaml);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  public JsonNode document() {
    return document;
  }
}
