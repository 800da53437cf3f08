package dev.coldstart.cli;

import java.lang.reflect.Field;
import java.util.List;

/**
 * Does, on a spare CPU while picocli reads the command line, what the verb does first after it:
 * for a verb that runs Python ({@link PythonOption}), looks up the interpreter {@code args} ask
 * for in the probe cache (nothing is run; see {@link PythonOption#warm}).
 */
final class Primer {
  private Primer() {}

  /** Starts priming for {@code verbs} unless there is no spare CPU or nothing to prime. */
  static void start(List<Class<?>> verbs, String[] args) {
    // Before any run: a second CPU is spare whatever the side-work setting (see SideWork).
    if (Runtime.getRuntime().availableProcessors() < 2 || verbs.stream().noneMatch(Primer::runsPython)) {
      return;
    }
    Thread.ofPlatform().name("coldstart-primer").daemon().start(() -> PythonOption.warm(args));
  }

  private static boolean runsPython(Class<?> verb) {
    for (Field f : verb.getDeclaredFields()) {
      if (f.getType() == PythonOption.class) {
        return true;
      }
    }
    return false;
  }
}
