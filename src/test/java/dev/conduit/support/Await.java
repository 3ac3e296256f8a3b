package dev.conduit.support;

import static org.awaitility.Awaitility.await;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.awaitility.core.ConditionTimeoutException;
import org.awaitility.core.TerminalFailureException;

/**
 * Waiting for something a child process serves (a jar, nginx, a Procfile entry): Awaitility polls
 * {@code up}, gives up at once when the process died, and the failure quotes {@code context} (its
 * output) as it is at that moment, not as it was when the wait began.
 */
public final class Await {
  private Await() {}

  public static void untilUp(
      String what,
      Duration timeout,
      Callable<Boolean> up,
      BooleanSupplier alive,
      Supplier<String> context) {
    try {
      await(what)
          .atMost(timeout)
          .pollInterval(Duration.ofMillis(200))
          .ignoreExceptions()
          .failFast(what + " exited before it was up", () -> !alive.getAsBoolean())
          .until(up);
    } catch (ConditionTimeoutException | TerminalFailureException e) {
      throw new AssertionError(e.getMessage() + "\n" + context.get(), e);
    }
  }

  /** The same for a server that is up once it accepts connections on a loopback port. */
  public static void untilListening(
      String what, int port, Duration timeout, BooleanSupplier alive, Supplier<String> context) {
    untilUp(
        what,
        timeout,
        () -> {
          try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
            return true;
          }
        },
        alive,
        context);
  }
}
