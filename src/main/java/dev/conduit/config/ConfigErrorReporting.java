package dev.conduit.config;

import io.dropwizard.configuration.ConfigurationException;
import io.dropwizard.configuration.ConfigurationValidationException;
import io.dropwizard.configuration.UndefinedEnvironmentVariableException;
import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.cli.Command;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.validation.ConstraintViolations;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Pattern;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

/**
 * Wraps a command so that a configuration problem prints one line per problem ({@code
 * config-prod.yml: ALLOWED_HOSTS is not set ...}) instead of a Java stack trace: an operator
 * reading a release-phase or Job log needs the variable's name, not Dropwizard's call stack. Any
 * other failure is reported by the wrapped command as before.
 */
public final class ConfigErrorReporting extends Command {
  private static final Pattern NAMES_A_VARIABLE =
      Pattern.compile("\\b[A-Z][A-Z0-9]*_[A-Z0-9_]+\\b");

  private final Command delegate;

  public ConfigErrorReporting(Command delegate) {
    super(delegate.getName(), delegate.getDescription());
    this.delegate = delegate;
  }

  @Override
  public void configure(Subparser subparser) {
    delegate.configure(subparser);
  }

  @Override
  public void run(Bootstrap<?> bootstrap, Namespace namespace) throws Exception {
    delegate.run(bootstrap, namespace);
  }

  @Override
  public void onError(Cli cli, Namespace namespace, Throwable e) {
    Optional<List<String>> problems = problems(e);
    if (problems.isEmpty()) {
      delegate.onError(cli, namespace, e);
      return;
    }
    String file = Optional.ofNullable(namespace.getString("file")).orElse("configuration");
    PrintWriter err = cli.getStdErr();
    problems.get().forEach(p -> err.println(file + ": " + p));
    err.flush();
  }

  /** One line per configuration problem, or empty when {@code e} is not one. */
  static Optional<List<String>> problems(Throwable e) {
    if (e instanceof Serving.NotServable n) {
      return Optional.of(n.problems());
    }
    if (e instanceof UndefinedEnvironmentVariableException) {
      // "Cannot resolve variable 'X' (enableSubstitutionInVariables=true)."
      String name = e.getMessage().replaceAll("(?s).*variable '([^']*)'.*", "$1");
      return Optional.of(List.of("environment variable " + name + " is not set"));
    }
    if (e instanceof ConfigurationValidationException v) {
      TreeSet<String> lines = new TreeSet<>();
      // Messages that name their variable stand alone; others keep the property path.
      v.getConstraintViolations()
          .forEach(
              c ->
                  lines.add(
                      NAMES_A_VARIABLE.matcher(c.getMessage()).find()
                          ? c.getMessage()
                          : ConstraintViolations.format(c)));
      return Optional.of(List.copyOf(lines));
    }
    if (e instanceof ConfigurationException c) {
      // Parsing errors carry the YAML excerpt and Jackson's reference chain on later lines.
      return Optional.of(
          c.getErrors().stream()
              .map(s -> s.lines().findFirst().orElse(s).strip())
              .map(s -> s.replaceFirst("^Failed to parse configuration at: [^;]*; ", ""))
              .toList());
    }
    return Optional.empty();
  }
}
