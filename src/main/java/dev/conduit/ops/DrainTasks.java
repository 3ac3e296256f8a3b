package dev.conduit.ops;

import io.dropwizard.servlets.tasks.Task;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;

/** {@code POST /tasks/drain} and {@code POST /tasks/undrain}: both safe to run twice. */
public final class DrainTasks {
  private DrainTasks() {}

  public static Task drain(Drain drain) {
    return new Task("drain") {
      @Override
      public void execute(Map<String, List<String>> parameters, PrintWriter output) {
        boolean changed = drain.start("task");
        output.println(changed ? "draining" : "already draining");
      }
    };
  }

  public static Task undrain(Drain drain) {
    return new Task("undrain") {
      @Override
      public void execute(Map<String, List<String>> parameters, PrintWriter output) {
        boolean changed = drain.stop("task");
        output.println(changed ? "serving" : "was not draining");
      }
    };
  }
}
