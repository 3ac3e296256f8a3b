package dev.conduit.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The one place that knows the RealWorld user bodies and how a test gets a user: registration,
 * login and update bodies, and {@link #register} through the API. A user {@code name} defaults to
 * {@code name@example.com} with the password {@code password-name}.
 */
public final class Users {
  private static final ObjectMapper JSON = new ObjectMapper();

  private Users() {}

  public static String email(String username) {
    return username + "@example.com";
  }

  public static String password(String username) {
    return "password-" + username;
  }

  /** {@code {"user":{"username","email","password"}}}. */
  public static Map<String, Object> registration(String username, String email, String password) {
    return Map.of("user", Map.of("username", username, "email", email, "password", password));
  }

  /** A registration with the default email and password of {@code username}. */
  public static Map<String, Object> registration(String username) {
    return registration(username, email(username), password(username));
  }

  /** {@code {"user":{"email","password"}}}. */
  public static Map<String, Object> login(String email, String password) {
    return Map.of("user", Map.of("email", email, "password", password));
  }

  /** {@code {"user":{field: value}}}, a body for {@code PUT /user}. */
  public static Map<String, Object> update(String field, Object value) {
    return Map.of("user", Map.of(field, value));
  }

  /** Registers {@code username} (default email and password); returns its token. */
  public static String register(Http api, String username) {
    return register(api, username, email(username), password(username));
  }

  /** Registers a user through {@code POST /users}, which must answer 201; returns its token. */
  public static String register(Http api, String username, String email, String password) {
    var reply = api.post("/users", registration(username, email, password));
    assertThat(reply.status()).as("registration of %s: %s", username, reply).isEqualTo(201);
    return reply.json().at("/user/token").asText();
  }

  /** Logs in through {@code POST /users/login}, which must answer 200; returns the token. */
  public static String logIn(Http api, String email, String password) {
    var reply = api.post("/users/login", login(email, password));
    assertThat(reply.status()).as("login of %s: %s", email, reply).isEqualTo(200);
    return reply.json().at("/user/token").asText();
  }

  /** A body as JSON text, for tests that send requests with their own client. */
  public static String json(Object body) {
    try {
      return JSON.writeValueAsString(body);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
