package dev.coldstart.cli;

import dev.coldstart.ExitCode;
import dev.coldstart.UserError;
import dev.coldstart.explain.Recording;
import dev.coldstart.explain.StaticImports;
import dev.coldstart.explain.Why;
import dev.coldstart.python.Interpreter;
import dev.coldstart.python.Target;
import dev.coldstart.report.WhyText;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code coldstart why MODULE --from TARGET}: the chains of imports that load MODULE, from one
 * untimed recorded run. Exit 0 when MODULE is loaded, 1 when it is not.
 */
@Command(
    name = "why",
    header = "Every import chain that loads a module, each hop with file:line.",
    sortOptions = false,
    description = {
      "Show why a module is loaded: the distinct chains of imports that lead to it, shortest",
      "first, each hop with importer, file:line and the statement. TARGET as for profile:",
      "--from MODULE|SCRIPT.py [ARGS], or -c CODE, or -m MODULE [ARGS].",
      "Exit 0 when MODULE is loaded, 1 when TARGET does not load it.",
      "With --static, reads the sources instead of running Python: coldstart why MODULE",
      "--from MODULE|FILE.py --static [--root DIR] [--include-...] (see docs/graph.md)."
    })
public final class WhyCommand implements Callable<Integer> {
  private final Io io;

  @Mixin TargetOptions target;

  @Mixin PythonOption python;

  @Option(
      names = "--from",
      paramLabel = "TARGET",
      description = "The program: a MODULE to import or a SCRIPT.py (its arguments follow).")
  String from;

  @Option(names = "--all", description = "Every chain (default: the first --limit).")
  boolean all;

  @Option(names = "--limit", paramLabel = "N", defaultValue = "3", description = "Chains shown (default ${DEFAULT-VALUE}).")
  int limit;

  @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "120", description = "Kill the run after this long (default ${DEFAULT-VALUE}).")
  double timeoutSeconds;

  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text", description = "text or json (default ${DEFAULT-VALUE}).")
  Format format;

  /** Output formats of why. */
  enum Format {
    text,
    json
  }

  public WhyCommand(Io io) {
    this.io = io;
  }

  @Override
  public Integer call() {
    if (target.words.isEmpty()) {
      throw UserError.usage("give the MODULE to explain: coldstart why MODULE --from TARGET");
    }
    List<String> words = new ArrayList<>(target.words);
    String module = words.remove(0);
    if (!Target.isModuleName(module)) {
      throw UserError.usage("'" + module + "' is not a module name (e.g. pydantic_core, a.b.c)");
    }
    if (from != null) {
      words.add(0, from);
    }
    target.words = words;
    if (!target.present()) {
      throw UserError.usage("give the program: --from MODULE|SCRIPT.py, -c CODE or -m MODULE");
    }
    Target t = target.target();
    if (t instanceof Target.Log) {
      throw UserError.usage("why runs the program; an importtime log has no import statements");
    }
    if (limit < 1) {
      throw UserError.usage("--limit must be at least 1");
    }
    if (!(timeoutSeconds > 0)) {
      throw UserError.usage("--timeout must be positive");
    }
    Interpreter py = python.interpreter();
    Recording r =
        Recording.run(py, t, Duration.ofMillis((long) (timeoutSeconds * 1000)), Map.of(), null);
    if (r.failed() || r.log() == null) {
      throw UserError.target(t.describe() + ": " + (r.failed() ? r.failure() : r.problem()));
    }
    String code = t instanceof Target.Code c ? c.code() : t instanceof Target.Module m ? "import " + m.name() : null;
    Why why = Why.of(r.log(), module, all ? Integer.MAX_VALUE : limit, new StaticImports(code));
    String out =
        switch (format) {
          case text -> WhyText.text(why, t.describe());
          case json -> WhyText.json(why, t.describe());
        };
    io.out().print(out);
    io.out().flush();
    return why.loaded() ? ExitCode.OK : ExitCode.FAILED;
  }
}
