package dev.coldstart.cli;

import java.util.List;

/** Every verb, in the order `coldstart --help` lists them. Add a verb here and nowhere else. */
final class Verbs {
  static final List<Class<?>> ALL =
      List.of(
          DemoCommand.class,
          ProfileCommand.class,
          ImportsCommand.class,
          CheckCommand.class,
          LintCommand.class,
          TrainCommand.class);

  private Verbs() {}
}
