package dev.conduit;

import dev.conduit.article.ArticleResource;
import dev.conduit.article.ArticleService;
import dev.conduit.article.FavoriteResource;
import dev.conduit.auth.AccountRefs;
import dev.conduit.auth.AuthUser;
import dev.conduit.auth.Authentication;
import dev.conduit.auth.CredentialGuard;
import dev.conduit.auth.InvalidTokenFilter;
import dev.conduit.auth.RevokeSessionsTask;
import dev.conduit.auth.TokenVersions;
import dev.conduit.auth.Tokens;
import dev.conduit.auth.TooManyRequestsException;
import dev.conduit.comment.CommentResource;
import dev.conduit.comment.CommentService;
import dev.conduit.config.ConfigErrorReporting;
import dev.conduit.config.Serving;
import dev.conduit.db.ConduitDataSourceFactory;
import dev.conduit.db.Migrations;
import dev.conduit.db.ReadCache;
import dev.conduit.db.SecretFreeErrors;
import dev.conduit.db.StatementNames;
import dev.conduit.ops.AdminPortGuard;
import dev.conduit.ops.Ops;
import dev.conduit.profile.ProfileResource;
import dev.conduit.profile.ProfileService;
import dev.conduit.tag.TagResource;
import dev.conduit.tag.api.TagsResponse;
import dev.conduit.user.CurrentUserResource;
import dev.conduit.user.NoStoreTokenResponses;
import dev.conduit.user.UserResource;
import dev.conduit.user.UserService;
import dev.conduit.web.Edge;
import dev.conduit.web.ErrorMapper;
import dev.conduit.web.JsonSupport;
import dev.conduit.web.StrictInput;
import dev.conduit.web.ratelimit.RateLimiter;
import io.dropwizard.auth.AuthValueFactoryProvider;
import io.dropwizard.configuration.EnvironmentVariableSubstitutor;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.core.Application;
import io.dropwizard.core.cli.CheckCommand;
import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.cli.Command;
import io.dropwizard.core.cli.ServerCommand;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.db.ManagedDataSource;
import io.dropwizard.jdbi3.JdbiFactory;
import io.dropwizard.migrations.MigrationsBundle;
import io.dropwizard.util.JarLocation;
import java.util.List;
import java.util.Optional;
import net.sourceforge.argparse4j.inf.Namespace;
import org.jdbi.v3.core.Jdbi;

/** Entry point: {@code server}, {@code check} and the {@code db} commands. All wiring is here. */
public class ConduitApplication extends Application<ConduitConfiguration> {
  private Jdbi jdbi;

  /** True when this class owns the JVM (started from main): then SIGTERM drains, then exits 0. */
  private final boolean ownsProcess;

  public ConduitApplication() {
    this(false);
  }

  ConduitApplication(boolean ownsProcess) {
    this.ownsProcess = ownsProcess;
  }

  public static void main(String[] args) throws Exception {
    new ConduitApplication(true).run(args);
  }

  /**
   * Dropwizard's own {@code Application.run(String...)}, with every command wrapped so that a
   * configuration problem prints one line per problem instead of a stack trace.
   */
  @Override
  public void run(String... arguments) throws Exception {
    Bootstrap<ConduitConfiguration> bootstrap =
        new Bootstrap<>(this) {
          @Override
          public List<Command> getCommands() {
            return super.getCommands().stream().<Command>map(ConfigErrorReporting::new).toList();
          }
        };
    addDefaultCommands(bootstrap);
    initialize(bootstrap);
    bootstrap.registerMetrics();
    new Cli(new JarLocation(getClass()), bootstrap, System.out, System.err)
        .run(arguments)
        .ifPresent(this::onFatalError);
  }

  /** {@code check} also checks what only serving needs (the {@link Serving} group). */
  @Override
  protected void addDefaultCommands(Bootstrap<ConduitConfiguration> bootstrap) {
    bootstrap.addCommand(new ServerCommand<>(this));
    bootstrap.addCommand(
        new CheckCommand<>(this) {
          @Override
          protected void run(
              Bootstrap<ConduitConfiguration> b, Namespace namespace, ConduitConfiguration config)
              throws Exception {
            Serving.require(config, b.getValidatorFactory().getValidator());
            super.run(b, namespace, config);
          }
        });
  }

  @Override
  public String getName() {
    return "conduit";
  }

  @Override
  public void initialize(Bootstrap<ConduitConfiguration> bootstrap) {
    // Strict: an unset ${VAR} without a ":-default" stops start-up with a message naming it.
    // Substitution in variables lets a default name another variable: ${A:-${B:-}}.
    bootstrap.setConfigurationSourceProvider(
        new SubstitutingSourceProvider(
            bootstrap.getConfigurationSourceProvider(),
            new EnvironmentVariableSubstitutor(true, true)));
    bootstrap.addBundle(
        new MigrationsBundle<ConduitConfiguration>() {
          @Override
          public ConduitDataSourceFactory getDataSourceFactory(ConduitConfiguration config) {
            // db commands only: a direct connection with lock and statement timeouts.
            return config.getDatabase().forMigrations();
          }

          @Override
          public String getMigrationsFileName() {
            return Migrations.CHANGELOG;
          }
        });
  }

  /**
   * All wiring, in sections. Each section is one call to a small static installer of its area; an
   * installer registers what its area adds and returns what later sections need.
   */
  @Override
  public void run(ConduitConfiguration config, Environment env) {
    // db commands never get here: host names, signing key and admin password matter only now.
    Serving.require(config, env.getValidator());
    AdminPortGuard.check(config.getServerFactory(), config.getOps());

    // Data: pool, Jdbi, migrations.
    ManagedDataSource dataSource = installDataSource(config, env);
    jdbi = installJdbi(config, env, dataSource);

    // Edge: JSON, request ids, security headers, hosts, CORS, body and rate limits, error mapping.
    Optional<RateLimiter> limiter = installEdge(config, env);

    // Auth: tokens, the "Token" auth filter, credential guard, session revocation.
    Accounts accounts = installAuth(config, env, jdbi, limiter);

    // Features: the RealWorld resources.
    installFeatures(env, jdbi, accounts);

    // Ops: health, readiness, drain, metrics exposition, admin port.
    installOps(config, env, dataSource);
  }

  private static ManagedDataSource installDataSource(ConduitConfiguration config, Environment env) {
    SecretFreeErrors.applyTo(config.getDatabase());
    return config.getDatabase().build(env.metrics(), "database");
  }

  private static Jdbi installJdbi(
      ConduitConfiguration config, Environment env, ManagedDataSource dataSource) {
    // Per-statement timers keep their names when a read moves off SqlObject (StatementNames).
    Jdbi jdbi =
        new JdbiFactory(new StatementNames())
            .build(env, config.getDatabase(), dataSource, "database");
    SecretFreeErrors.configure(jdbi);
    if (config.getDatabase().isMigrateOnStart()) {
      Migrations.migrate(jdbi);
    }
    return jdbi;
  }

  private static Optional<RateLimiter> installEdge(ConduitConfiguration config, Environment env) {
    JsonSupport.configure(env.getObjectMapper());
    Optional<RateLimiter> limiter = Edge.install(env, config.getEdge());
    var jersey = env.jersey();
    // Hostile input (control characters in URLs, invalid UTF-8 in bodies); every error as JSON.
    jersey.register(new StrictInput());
    jersey.register(new ErrorMapper());
    jersey.register(new ErrorMapper.Violations());
    jersey.register(new TooManyRequestsException.Mapper());
    return limiter;
  }

  /** What the feature resources need from auth. */
  private record Accounts(UserService users, CredentialGuard guard) {}

  private static Accounts installAuth(
      ConduitConfiguration config, Environment env, Jdbi jdbi, Optional<RateLimiter> limiter) {
    Tokens tokens = config.getAuth().buildTokens();
    AccountRefs accounts = config.getAuth().buildAccountRefs();
    CredentialGuard guard =
        limiter
            .map(l -> new CredentialGuard(l, accounts))
            .orElseGet(() -> CredentialGuard.disabled(accounts));
    TokenVersions tokenVersions = config.getAuth().buildTokenVersions(jdbi);
    var authentication = new Authentication(tokens, tokenVersions);
    var users =
        new UserService(jdbi, config.getAuth().buildPasswordHasher(), tokens, tokenVersions);
    env.admin().addTask(new RevokeSessionsTask(jdbi, tokenVersions));

    var jersey = env.jersey();
    // The token is verified once, by InvalidTokenFilter; @Auth parameters read its result.
    jersey.register(new InvalidTokenFilter(authentication));
    jersey.register(InvalidTokenFilter.requireCaller());
    jersey.register(new AuthValueFactoryProvider.Binder<>(AuthUser.class));
    return new Accounts(users, guard);
  }

  private static void installFeatures(Environment env, Jdbi jdbi, Accounts accounts) {
    var jersey = env.jersey();
    jersey.register(new UserResource(accounts.users(), accounts.guard()));
    jersey.register(new CurrentUserResource(accounts.users(), accounts.guard()));
    jersey.register(new NoStoreTokenResponses());
    jersey.register(new ProfileResource(new ProfileService(jdbi)));
    // GET /tags is served from a short-lived cache that article writes invalidate.
    var tagsInUse = new ReadCache<TagsResponse>();
    var articles = new ArticleService(jdbi, tagsInUse);
    jersey.register(new ArticleResource(articles));
    jersey.register(new FavoriteResource(articles));
    jersey.register(new CommentResource(new CommentService(jdbi)));
    jersey.register(new TagResource(jdbi, tagsInUse));
  }

  private void installOps(
      ConduitConfiguration config, Environment env, ManagedDataSource dataSource) {
    Ops.install(env, config.getOps(), jdbi, dataSource, ownsProcess);
  }

  /**
   * The running application's Jdbi (null before {@code run}). For tests that observe the SQL a
   * request issues, e.g. by installing a counting {@code SqlLogger}.
   */
  public Jdbi jdbi() {
    return jdbi;
  }
}
