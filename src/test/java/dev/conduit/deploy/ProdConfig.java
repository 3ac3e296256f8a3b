package dev.conduit.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.util.Duration;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * What config-prod.yml asks of a deployment, derived from the file itself so the deploy tests stay
 * right when features add variables: the {@code ${VAR}} / {@code ${VAR:-default}} names (nested
 * defaults too), which of them must be set, and the settings the platforms must agree with (ports,
 * drain and shutdown grace).
 */
public final class ProdConfig {
  static final String FILE = "config-prod.yml";

  /** Dropwizard's DefaultServerFactory default when server.shutdownGracePeriod is absent. */
  static final Duration DROPWIZARD_DEFAULT_SHUTDOWN_GRACE = Duration.seconds(30);

  /** Issue 4 specifies a ~10 s drain in production; used only while config-prod.yml has none. */
  static final Duration ASSUMED_DRAIN = Duration.seconds(10);

  private static final Pattern SECRET =
      Pattern.compile(".*(SECRET|PASSWORD|_DSN|DATABASE_URL|REDIS_URL|_TOKEN|_KEY)$");

  /** Names whose values are credentials: platforms must take them from a secret store. */
  static boolean isSecret(String name) {
    return SECRET.matcher(name).matches();
  }

  /** Variables the JVM or the platform reads, not the config file. */
  static final Set<String> RUNTIME_VARS = Set.of("JAVA_TOOL_OPTIONS", "JAVA_OPTS");

  private static final Pattern DURATION_KEY = Pattern.compile("(?i).*drain.*");

  private final String text;
  private final Set<String> names = new LinkedHashSet<>();
  private final JsonNode tree;

  private ProdConfig(String text) {
    this(text, Map.of());
  }

  private ProdConfig(String text, Map<String, String> env) {
    this.text = text;
    String withDefaults = substitute(text, env::get, names, new LinkedHashSet<>(), "REQUIRED");
    try {
      this.tree = Repo.YAML.readTree(withDefaults);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static ProdConfig load() {
    return new ProdConfig(Repo.read(FILE));
  }

  /** The same file as a target with {@code env} would see it (the rest at their defaults). */
  ProdConfig withEnv(Map<String, String> env) {
    return new ProdConfig(text, env);
  }

  String text() {
    return text;
  }

  /** Every variable the file refers to, in order of appearance. */
  Set<String> envNames() {
    return names;
  }

  /**
   * The variables that would stop start-up if a deployment provided only {@code provided}: empty
   * means the deployment is complete. (DATABASE_URL is satisfied by JDBC_DATABASE_URL too, exactly
   * as the nested default in the file says.)
   */
  Set<String> missingWhenProviding(Set<String> provided) {
    Set<String> missing = new LinkedHashSet<>();
    substitute(text, n -> provided.contains(n) ? "set" : null, new LinkedHashSet<>(), missing, "");
    return missing;
  }

  /** The file with every variable at its default (required ones as "REQUIRED"), parsed. */
  public JsonNode tree() {
    return tree;
  }

  int appPort() {
    return tree.at("/server/applicationConnectors/0/port").asInt();
  }

  int adminPort() {
    return tree.at("/server/adminConnectors/0/port").asInt();
  }

  Duration shutdownGracePeriod() {
    JsonNode n = tree.at("/server/shutdownGracePeriod");
    return n.isMissingNode() ? DROPWIZARD_DEFAULT_SHUTDOWN_GRACE : Duration.parse(n.asText());
  }

  /** The drain period the service waits (readiness 503, still serving) before stopping. */
  Duration drainPeriod() {
    return findDuration(tree, DURATION_KEY).orElse(ASSUMED_DRAIN);
  }

  boolean declaresDrainPeriod() {
    return findDuration(tree, DURATION_KEY).isPresent();
  }

  private static Optional<Duration> findDuration(JsonNode node, Pattern key) {
    if (node.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        if (key.matcher(e.getKey()).matches() && e.getValue().isValueNode()) {
          try {
            return Optional.of(Duration.parse(e.getValue().asText()));
          } catch (IllegalArgumentException notADuration) {
            // a drain flag or count, not the period
          }
        }
        Optional<Duration> inner = findDuration(e.getValue(), key);
        if (inner.isPresent()) {
          return inner;
        }
      }
    } else if (node.isArray()) {
      for (JsonNode child : node) {
        Optional<Duration> inner = findDuration(child, key);
        if (inner.isPresent()) {
          return inner;
        }
      }
    }
    return Optional.empty();
  }

  /**
   * The substitution Dropwizard applies (commons-text StringSubstitutor, nested, ":-" defaults),
   * re-implemented so the test can also see which names were asked for and which were missing.
   */
  static String substitute(
      String s,
      Function<String, String> env,
      Set<String> seen,
      Set<String> missing,
      String missingValue) {
    return new Substitution(s, env, seen, missing, missingValue).text(false, true);
  }

  private static final class Substitution {
    private final String s;
    private final Function<String, String> env;
    private final Set<String> seen;
    private final Set<String> missing;
    private final String missingValue;
    private int pos;

    Substitution(
        String s,
        Function<String, String> env,
        Set<String> seen,
        Set<String> missing,
        String missingValue) {
      this.s = s;
      this.env = env;
      this.seen = seen;
      this.missing = missing;
      this.missingValue = missingValue;
    }

    /** Reads text up to the end (or the "}" closing a default); inactive defaults are skipped. */
    String text(boolean inDefault, boolean active) {
      StringBuilder out = new StringBuilder();
      while (pos < s.length()) {
        if (s.startsWith("${", pos)) {
          out.append(ref(active));
        } else if (inDefault && s.charAt(pos) == '}') {
          return out.toString();
        } else {
          out.append(s.charAt(pos++));
        }
      }
      if (inDefault) {
        throw new IllegalArgumentException("unclosed ${ in " + FILE);
      }
      return out.toString();
    }

    private String ref(boolean active) {
      pos += 2;
      int start = pos;
      while (pos < s.length()
          && (Character.isLetterOrDigit(s.charAt(pos)) || s.charAt(pos) == '_')) {
        pos++;
      }
      String name = s.substring(start, pos);
      seen.add(name);
      String value = active ? env.apply(name) : null;
      String fallback = null;
      int missingBefore = missing.size();
      if (s.startsWith(":-", pos)) {
        pos += 2;
        // A default is only evaluated when the variable is unset, as in Dropwizard.
        fallback = text(true, active && value == null);
      }
      boolean innerMissing = missing.size() > missingBefore;
      if (pos >= s.length() || s.charAt(pos) != '}') {
        throw new IllegalArgumentException("malformed ${" + name + " in " + FILE);
      }
      pos++;
      if (!active) {
        return "";
      }
      if (value != null) {
        return value;
      }
      if (fallback != null) {
        return fallback;
      }
      // No default: the deployment must set it (for a nested default, the innermost is named).
      // An empty default may still be refused by validation: DeployTargetsCheckIT runs the
      // service's own `check` command with each target's environment for that.
      if (!innerMissing) {
        missing.add(name);
      }
      return missingValue;
    }
  }

  /** Env names a deployment sets that the config does not read (typos, stale names). */
  List<String> unknown(Set<String> provided) {
    List<String> unknown = new ArrayList<>();
    for (String p : provided) {
      if (!names.contains(p) && !RUNTIME_VARS.contains(p)) {
        unknown.add(p);
      }
    }
    return unknown;
  }
}
