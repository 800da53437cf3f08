package dev.coldstart.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every verb by name, in the order `coldstart --help` lists them. Add a verb here and nowhere else.
 * The names are spelled out (a test checks they match each class's {@code @Command} name) so that a
 * run of one verb builds only that verb's command model: picocli reads every option of every verb
 * by reflection, about 100 ms for all of them, which `coldstart --version` should not pay.
 */
final class Verbs {
  static final Map<String, Class<?>> ALL = ordered(
      "demo", DemoCommand.class,
      "serve", ServeCommand.class,
      "profile", ProfileCommand.class,
      "why", WhyCommand.class,
      "explain", ExplainCommand.class,
      "fix", FixCommand.class,
      "audit", AuditCommand.class,
      "imports", ImportsCommand.class,
      "check", CheckCommand.class,
      "record", RecordCommand.class,
      "history", HistoryCommand.class,
      "bisect", BisectCommand.class,
      "lint", LintCommand.class,
      "graph", GraphCommand.class,
      "report", ReportCommand.class,
      "diff", DiffCommand.class,
      "syspath", SyspathCommand.class,
      "footprint", FootprintCommand.class,
      // Hidden.
      "why-static", WhyStaticCommand.class,
      "aot-train", TrainCommand.class);

  private Verbs() {}

  /**
   * The verbs a command line needs: only the verb it names, or every verb when it names none or an
   * unknown one (help lists them all; an unknown verb gets picocli's suggestions).
   */
  static List<Class<?>> neededBy(String[] args) {
    for (String a : args) {
      if (a.equals("--")) {
        break;
      }
      if (a.startsWith("-")) {
        if (a.equals("-h") || a.equals("--help")) {
          break;
        }
        continue;
      }
      Class<?> verb = ALL.get(a);
      return verb == null ? List.copyOf(ALL.values()) : List.of(verb);
    }
    boolean help = args.length == 0 || List.of(args).contains("-h") || List.of(args).contains("--help");
    return help ? List.copyOf(ALL.values()) : List.of();
  }

  private static Map<String, Class<?>> ordered(Object... pairs) {
    Map<String, Class<?>> m = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      m.put((String) pairs[i], (Class<?>) pairs[i + 1]);
    }
    return java.util.Collections.unmodifiableMap(m);
  }
}
