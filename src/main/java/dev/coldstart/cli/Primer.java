package dev.coldstart.cli;

import dev.coldstart.SideWork;
import java.lang.reflect.Field;
import java.util.List;

/**
 * Reads, on a spare CPU, the annotations picocli is about to read on the main thread. The JDK
 * makes a proxy class for each annotation type the first time one is read (~4 ms each on a cold
 * JVM), and the ahead-of-time cache cannot keep proxy classes: two threads that meet halfway
 * share that work. The fields are read last first, so the two threads start at opposite ends.
 */
final class Primer {
  private Primer() {}

  /**
   * Starts priming for {@code verbs} unless there is no spare CPU. For a verb that runs Python
   * ({@link PythonOption}), the interpreter {@code args} asks for is first looked up in the probe
   * cache, which the verb does next after parsing (nothing is run; see {@link PythonOption#warm}).
   */
  static void start(List<Class<?>> verbs, String[] args) {
    if (!SideWork.spareCpu()) {
      return;
    }
    Thread.ofPlatform()
        .name("coldstart-primer")
        .daemon()
        .start(
            () -> {
              if (verbs.stream().anyMatch(Primer::runsPython)) {
                PythonOption.warm(args);
              }
              verbs.reversed().forEach(Primer::read);
            });
  }

  private static boolean runsPython(Class<?> verb) {
    for (Field f : verb.getDeclaredFields()) {
      if (f.getType() == PythonOption.class) {
        return true;
      }
    }
    return false;
  }

  private static void read(Class<?> c) {
    try {
      Field[] fields = c.getDeclaredFields();
      for (int i = fields.length - 1; i >= 0; i--) {
        fields[i].getAnnotations();
        if (fields[i].isAnnotationPresent(picocli.CommandLine.Mixin.class)) {
          read(fields[i].getType());
        }
      }
      c.getAnnotations();
    } catch (RuntimeException | LinkageError e) {
      // Only a head start: picocli reads the same annotations anyway.
    }
  }
}
