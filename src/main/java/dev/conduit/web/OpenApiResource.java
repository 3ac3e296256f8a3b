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
 * The checked-in contract, not one generated from the resources, which would describe {@code @Auth}
 * parameters as bodies and lose the error schemes; {@code OpenApiDocumentIT} keeps it complete.
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
