package dev.conduit.ops;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.conduit.auth.SecretStrength;
import dev.conduit.config.Serving;
import io.dropwizard.util.Duration;
import io.dropwizard.validation.MaxDuration;
import io.dropwizard.validation.MinDuration;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.util.concurrent.TimeUnit;

/**
 * Operations settings: how long to keep serving after SIGTERM, how long a health check may take,
 * and who may use the admin port. Configuration only; {@link Ops} installs the feature.
 */
public class OpsFactory {

  /**
   * After SIGTERM (or {@code POST /tasks/drain}) readiness answers 503 at once, but the service
   * keeps serving this long so load balancers notice and stop sending traffic. Then Jetty stops
   * accepting and in-flight requests get {@code server.shutdownGracePeriod} to finish.
   */
  @JsonProperty
  @NotNull
  @MinDuration(value = 0, unit = TimeUnit.SECONDS)
  @MaxDuration(value = 10, unit = TimeUnit.MINUTES)
  private Duration drainPeriod = Duration.seconds(0);

  /** Every health check (and readiness) gives up after this long and reports unhealthy. */
  @JsonProperty
  @NotNull
  @MinDuration(value = 10, unit = TimeUnit.MILLISECONDS)
  @MaxDuration(value = 30, unit = TimeUnit.SECONDS)
  private Duration healthCheckTimeout = Duration.seconds(1);

  /**
   * {@code /health/ready} reuses its database result this long, so a flood of probes costs at most
   * one pool checkout per interval. Zero probes the database on every call.
   */
  @JsonProperty
  @NotNull
  @MinDuration(value = 0, unit = TimeUnit.SECONDS)
  @MaxDuration(value = 1, unit = TimeUnit.MINUTES)
  private Duration readinessInterval = Duration.seconds(1);

  /** Basic-auth user for the admin port; only used when {@link #adminPassword} is set. */
  @JsonProperty @NotBlank private String adminUser = "admin";

  /**
   * Empty: the admin port is open, so it must be bound to loopback ({@link AdminPortGuard} refuses
   * to start otherwise).
   */
  @NotNull private String adminPassword = "";

  /** Estimated entropy an admin password must show (`openssl rand -hex 16` scores about 120). */
  static final int MIN_ADMIN_PASSWORD_BITS = 64;

  /** Unset is allowed (loopback admin); a set password must not be a placeholder or a word. */
  @AssertTrue(
      groups = Serving.class,
      message =
          "ADMIN_PASSWORD is a placeholder or too predictable: generate one with `openssl rand -hex 16`")
  @JsonProperty(access = JsonProperty.Access.READ_ONLY)
  public boolean isAdminPasswordUnguessable() {
    return adminPassword.isEmpty()
        || SecretStrength.isStrong(adminPassword, MIN_ADMIN_PASSWORD_BITS);
  }

  public Duration getDrainPeriod() {
    return drainPeriod;
  }

  public Duration getHealthCheckTimeout() {
    return healthCheckTimeout;
  }

  public Duration getReadinessInterval() {
    return readinessInterval;
  }

  public String getAdminUser() {
    return adminUser;
  }

  public String getAdminPassword() {
    return adminPassword;
  }

  /** Write-only: never serialised back out, so a configuration dump cannot show it. */
  @JsonProperty(access = JsonProperty.Access.WRITE_ONLY)
  public void setAdminPassword(String adminPassword) {
    this.adminPassword = adminPassword == null ? "" : adminPassword;
  }
}
