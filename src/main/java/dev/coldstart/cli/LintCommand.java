package dev.coldstart.cli;

import dev.coldstart.ExitCode;
import dev.coldstart.UserError;
import dev.coldstart.gate.CheckConfig;
import dev.coldstart.gate.ConfigReader;
import dev.coldstart.gate.RequiresPython;
import dev.coldstart.layout.SearchPath;
import dev.coldstart.python.Interpreters;
import dev.coldstart.report.JunitXml;
import dev.coldstart.report.LintText;
import dev.coldstart.report.Sarif;
import dev.coldstart.rules.LintReport;
import dev.coldstart.rules.Linter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code coldstart lint PATH...}: start-up cost rules over source trees and environments. */
@Command(
    name = "lint",
    sortOptions = false,
    header = "Find start-up cost in Python source without running it, as rules with codes.",
    description = {
      "Find start-up cost in Python source without running it: eager re-exports in package",
      "__init__ files (CS101), heavy imports there (CS102), annotation-only imports (CS103),",
      "imports used only in functions (CS104), forbidden imports an entry reaches (CS105),",
      ".pth files that run code (CS106), deploys without bytecode caches (CS107).",
      "One finding per statement (other rules' findings about it are folded in), ranked by its",
      "cost: the modules it loads that are not loaded anyway, read from the static import graph.",
      "Silence one line with `# coldstart: ignore[CS101]`. Rules: docs/rules/. Exit 1 on findings."
    })
public final class LintCommand implements Callable<Integer> {
  private static final Pattern CODE = Pattern.compile("CS[0-9]{0,3}");
  private static final Pattern VERSION = Pattern.compile("[0-9]{1,3}\\.[0-9]{1,3}");
  private final Io io;

  @Parameters(paramLabel = "PATH", arity = "1..*", description = "Files or directories (source trees, site-packages, deploy directories).")
  List<String> paths = new ArrayList<>();

  @Option(names = "--config", paramLabel = "FILE", description = "The pyproject.toml with [tool.coldstart] (default: the nearest one from the current directory up).")
  Path config;

  @Option(names = "--select", paramLabel = "CODES", split = ",", description = "Only these rule codes or prefixes (overrides the configuration).")
  List<String> select;

  @Option(names = "--ignore", paramLabel = "CODES", split = ",", description = "Never these rule codes or prefixes (added to the configuration's).")
  List<String> ignore = new ArrayList<>();

  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text", description = "text, json, markdown, sarif or junit (default ${DEFAULT-VALUE}).")
  CheckCommand.Format format;

  @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write the report here (atomically) instead of to stdout.")
  String output;

  @Option(names = "--target-version", paramLabel = "X.Y", description = "The oldest Python the project supports (default: requires-python in the pyproject.toml); 3.15+ makes the rules suggest PEP 810 `lazy` imports and honour __lazy_modules__.")
  String targetVersion;

  @Option(names = "--exit-zero", description = "Exit 0 even when there are findings.")
  boolean exitZero;

  @Option(names = "--top", paramLabel = "N", description = "Show only the N most expensive findings (counts and the exit status still cover all).")
  Integer top;

  @Option(
      names = "--python",
      paramLabel = "PATH",
      description = "Interpreter whose sys.path resolves imports when estimating each statement's cost (default: the active virtualenv's, else python3 on PATH; without one, only the linted trees count).")
  String python;

  public LintCommand(Io io) {
    this.io = io;
  }

  @Override
  public Integer call() {
    Path file = config != null ? config : ConfigReader.find(Path.of(""));
    CheckConfig cfg = file == null ? CheckConfig.defaults(Path.of("").toAbsolutePath()) : ConfigReader.read(file);
    List<String> sel = select != null ? select : cfg.select();
    List<String> ign = new ArrayList<>(cfg.ignore());
    ign.addAll(ignore);
    for (String c : concat(sel, ign)) {
      if (!CODE.matcher(c.strip()).matches()) {
        throw UserError.usage("'" + c + "' is not a rule code or prefix (like CS101 or CS1)");
      }
    }
    String target = targetVersion;
    if (target != null && !VERSION.matcher(target.strip()).matches()) {
      throw UserError.usage("--target-version wants a version like 3.15, not '" + target + "'");
    }
    if (target == null && file != null) {
      target = RequiresPython.read(file).map(RequiresPython::version).orElse(null);
    }
    if (top != null && top < 1) {
      throw UserError.usage("--top must be at least 1");
    }
    LintReport report =
        Linter.run(paths, cfg, sel.stream().map(String::strip).toList(), ign.stream().map(String::strip).toList(),
            target == null ? null : target.strip(), searchPath());
    if (top != null) {
      report = report.top(top);
    }
    String text =
        switch (format) {
          case text -> LintText.render(report);
          case json -> LintText.json(report);
          case markdown -> LintText.markdown(report);
          case sarif -> Sarif.lint(report, Path.of("").toAbsolutePath(), ToolVersion.get());
          case junit -> JunitXml.lint(report);
        };
    Output.write(io, output, text);
    if (output != null) {
      io.err().println("coldstart: wrote " + output + ": " + report.total() + " finding(s)");
    }
    return report.total() == 0 || exitZero ? ExitCode.OK : ExitCode.FAILED;
  }

  /**
   * The interpreter's search path, for the cost of each statement: the one asked for (exit 3 when
   * it fails), else the default one when there is one (from the probe cache, usually no run).
   */
  private SearchPath searchPath() {
    if (python != null) {
      return SearchPath.of(Interpreters.locate(python, System.getenv()));
    }
    try {
      return SearchPath.of(Interpreters.locate(null, System.getenv()));
    } catch (UserError e) {
      io.err().println("coldstart: " + e.getMessage() + "; costs count only the modules under the linted paths");
      return null;
    }
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> out = new ArrayList<>(a);
    out.addAll(b);
    return out;
  }
}
