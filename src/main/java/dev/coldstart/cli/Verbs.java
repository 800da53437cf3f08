package dev.coldstart.cli;

import java.util.List;

/** Every verb, in the order `coldstart --help` lists them. Add a verb here and nowhere else. */
final class Verbs {
  static final List<Class<?>> ALL =
      List.of(
          DemoCommand.class,
          ProfileCommand.class,
          WhyCommand.class,
          ExplainCommand.class,
          FixCommand.class,
          ImportsCommand.class,
          GraphCommand.class,
          ReportCommand.class,
          DiffCommand.class,
          SyspathCommand.class,
          FootprintCommand.class,
          // Hidden; keep last.
          WhyStaticCommand.class,
          TrainCommand.class);

  private Verbs() {}
}
