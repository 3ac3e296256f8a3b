package dev.conduit.ops;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import dev.conduit.auth.SecretStrength;
import dev.conduit.config.Serving;
import io.dropwizard.util.Duration;
import io.dropwizard.validation.MaxDuration;
import io.dropwizard.validation.MinDuration;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.util.concurrent.TimeUnit;

/** Operations settings (drain, health check limits, admin port access); {@link Ops} wires them. */
public class OpsFactory {
  /** Serving time after SIGTERM (readiness 503 at once), so load balancers stop sending traffic. */
  @NotNull
  @MaxDuration(value = 10, unit = TimeUnit.MINUTES)
  public Duration drainPeriod = Duration.seconds(0);

  /** Every health check (and readiness) gives up after this long and reports unhealthy. */
  @NotNull
  @MinDuration(value = 10, unit = TimeUnit.MILLISECONDS)
  @MaxDuration(value = 30, unit = TimeUnit.SECONDS)
  public Duration healthCheckTimeout = Duration.seconds(1);

  /** How long readiness reuses its database result (zero: every call probes). */
  @NotNull
  @MaxDuration(value = 1, unit = TimeUnit.MINUTES)
  public Duration readinessInterval = Duration.seconds(1);

  /** Basic-auth user for the admin port; only used when {@link #adminPassword} is set. */
  @NotBlank public String adminUser = "admin";

  /** Write-only: no config dump shows it. Empty: the admin port must stay on loopback. */
  @JsonProperty(access = JsonProperty.Access.WRITE_ONLY)
  @JsonSetter(nulls = Nulls.AS_EMPTY)
  public String adminPassword = "";

  /** Unset is allowed (loopback admin); a set one needs 64 bits (`openssl rand -hex 16`: 120). */
  @AssertTrue(
      groups = Serving.class,
      message =
          "ADMIN_PASSWORD is a placeholder or too predictable: generate one with `openssl rand -hex 16`")
  @JsonProperty(access = JsonProperty.Access.READ_ONLY)
  public boolean isAdminPasswordUnguessable() {
    return adminPassword.isEmpty() || SecretStrength.isStrong(adminPassword, 64);
  }
}
