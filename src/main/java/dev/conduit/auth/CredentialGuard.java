package dev.conduit.auth;

import dev.conduit.web.ApiException;
import dev.conduit.web.ratelimit.ClientKey;
import dev.conduit.web.ratelimit.RateLimiter;
import io.github.bucket4j.ConsumptionProbe;

/**
 * Per-account brakes on password guessing, on top of the per-IP limit of the credential routes.
 *
 * <p>Only failed logins count (a success gives its tokens back and clears its network's bucket), in
 * two token buckets keyed by the account (an {@link AccountRefs} hash, never the email): one per
 * account and client network (IPv4 address or IPv6 /64), one per account from everywhere. A client
 * whose network has no recent failure for the account is never refused by the account-wide bucket,
 * so an attacker who drains it cannot lock the owner out; after a typo of their own the owner waits
 * at most one refill interval (a minute by default). With Redis configured the buckets are shared
 * by every instance, like the per-IP ones.
 *
 * <p>Password changes through {@code PUT /user} cost a bcrypt hash each, so they draw from the
 * per-IP credential bucket of sign-up and login.
 */
public final class CredentialGuard {
  private final RateLimiter limiter;
  private final AccountRefs refs;

  /** A guard that refuses nothing (rate limiting switched off). */
  public static CredentialGuard disabled(AccountRefs refs) {
    return new CredentialGuard(null, refs);
  }

  public CredentialGuard(RateLimiter limiter, AccountRefs refs) {
    this.limiter = limiter;
    this.refs = refs;
  }

  /** A login in progress: tell the guard how it ended. */
  public interface Attempt {
    String account();

    void succeeded();

    /** A refusal that is not a wrong password (e.g. a validation error): it does not count. */
    void withdrawn();
  }

  /**
   * Call before checking the password; throws a 429 when this account has failed too often. The
   * tokens are taken now (so parallel guesses cannot all pass) and given back on success.
   */
  public Attempt beginLogin(String normalizedEmail, String clientAddress) {
    String account = refs.of(normalizedEmail);
    if (limiter == null) {
      return attempt(account, null, false);
    }
    String network = account + ":" + ClientKey.of(clientAddress);
    ConsumptionProbe fromNetwork = limiter.consume(limiter.login, network);
    if (!fromNetwork.isConsumed()) {
      Audit.loginThrottled(account);
      throw tooMany(fromNetwork, "email or password", "too many failed logins");
    }
    boolean networkWasClean = fromNetwork.getRemainingTokens() >= limiter.login.burst() - 1;
    ConsumptionProbe overall = limiter.consume(limiter.account, account);
    if (!overall.isConsumed() && !networkWasClean) {
      limiter.refund(limiter.login, network);
      Audit.loginThrottled(account);
      throw tooMany(overall, "email or password", "too many failed logins");
    }
    return attempt(account, network, overall.isConsumed());
  }

  /** Call before hashing a new password; throws a 429 over the per-IP credential limit. */
  public void beginPasswordChange(long userId, String clientAddress) {
    if (limiter == null) {
      return;
    }
    ConsumptionProbe probe = limiter.consume(limiter.auth, ClientKey.of(clientAddress));
    if (!probe.isConsumed()) {
      Audit.passwordChangeThrottled(userId);
      throw tooMany(probe, "request", "too many requests");
    }
  }

  public String accountRef(String normalizedEmail) {
    return refs.of(normalizedEmail);
  }

  private Attempt attempt(String account, String network, boolean tookOverall) {
    return new Attempt() {
      @Override
      public String account() {
        return account;
      }

      /** The owner got in from this network: forget its earlier typos there. */
      @Override
      public void succeeded() {
        if (network != null) {
          limiter.reset(limiter.login, network);
          if (tookOverall) {
            limiter.refund(limiter.account, account);
          }
        }
      }

      @Override
      public void withdrawn() {
        if (network != null) {
          limiter.refund(limiter.login, network);
          if (tookOverall) {
            limiter.refund(limiter.account, account);
          }
        }
      }
    };
  }

  private static ApiException tooMany(ConsumptionProbe probe, String field, String what) {
    long seconds = RateLimiter.retryAfterSeconds(probe);
    return new TooManyRequestsException(
        field, what + "; retry in " + seconds + " seconds", seconds);
  }
}
