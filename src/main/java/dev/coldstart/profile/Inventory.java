package dev.coldstart.profile;

import dev.coldstart.python.Interpreter;
import dev.coldstart.python.Target;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What the target had loaded when it exited, from one untimed run: each module's file and whether
 * it is an extension. A module with an importtime row that is missing here failed to import (or
 * was removed from sys.modules). Empty, with the {@link #problem()}, when that run could not be
 * made. The run itself is the import recorder's ({@code dev.coldstart.explain.Recording}), which
 * records the final {@code sys.modules} along with every import, so one pass serves both.
 */
public record Inventory(Map<String, Entry> modules, String problem) {

  /** One loaded module. */
  public record Entry(String name, String file, boolean extension, boolean pkg) {}

  /**
   * The untimed run that takes an inventory of a target. Never throws for a failing target. The
   * run is over when {@code take} returns; the inventory may still be in the making (the supplier
   * waits for it), so that reading it costs nothing while the timed runs go on.
   */
  @FunctionalInterface
  public interface Pass {
    Supplier<Inventory> take(
        Interpreter python, Target target, Duration timeout, Map<String, String> env, Path directory);
  }

  /** An inventory that could not be taken. */
  public static Inventory unavailable(String problem) {
    return new Inventory(Map.of(), problem);
  }

  public boolean available() {
    return problem == null;
  }
}
