package dev.conduit.web;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import java.time.Instant;

/** How the API writes and reads JSON, in one place: Jackson's own settings, no custom code. */
public final class JsonSupport {
  private JsonSupport() {}

  public static void configure(ObjectMapper mapper) {
    // Clients (the RealWorld front ends among them) send extra fields such as "token" on PUT /user.
    mapper.configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    // "title": 123 is a 422 naming the field, not a string made up by the parser.
    mapper
        .coercionConfigFor(LogicalType.Textual)
        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
    // One document per body, each key once: no guessing.
    mapper.configure(DeserializationFeature.FAIL_ON_TRAILING_TOKENS, true);
    mapper.configure(JsonParser.Feature.STRICT_DUPLICATE_DETECTION, true);
    // The contract's dates: ISO-8601 in UTC with exactly three fractional digits.
    mapper
        .configOverride(Instant.class)
        .setFormat(
            JsonFormat.Value.forPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
                .withShape(JsonFormat.Shape.STRING)
                .withTimeZone(java.util.TimeZone.getTimeZone("UTC")));
  }
}
