package dev.coldstart.cli;

import dev.coldstart.ExitCode;
import dev.coldstart.UserError;
import dev.coldstart.gate.CheckConfig;
import dev.coldstart.gate.ConfigReader;
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
      "Silence one line with `# coldstart: ignore[CS101]`. Rules: docs/rules/. Exit 1 on findings."
    })
public final class LintCommand implements Callable<Integer> {
  private static final Pattern CODE = Pattern.compile("CS[0-9]{0,3}");
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

  @Option(names = "--exit-zero", description = "Exit 0 even when there are findings.")
  boolean exitZero;

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
    LintReport report = Linter.run(paths, cfg, sel.stream().map(String::strip).toList(), ign.stream().map(String::strip).toList());
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
      io.err().println("coldstart: wrote " + output + ": " + report.findings().size() + " finding(s)");
    }
    return report.findings().isEmpty() || exitZero ? ExitCode.OK : ExitCode.FAILED;
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> out = new ArrayList<>(a);
    out.addAll(b);
    return out;
  }
}
