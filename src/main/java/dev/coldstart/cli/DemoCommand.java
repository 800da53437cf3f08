package dev.coldstart.cli;

import dev.coldstart.ExitCode;
import dev.coldstart.UserError;
import dev.coldstart.demo.DemoProject;
import dev.coldstart.limits.Footprint;
import dev.coldstart.limits.SysPathReport;
import dev.coldstart.gate.CheckConfig;
import dev.coldstart.gate.CheckReport;
import dev.coldstart.gate.ConfigReader;
import dev.coldstart.gate.Gate;
import dev.coldstart.report.CheckText;
import dev.coldstart.profile.Profile;
import dev.coldstart.explain.Explainer;
import dev.coldstart.profile.Profiler;
import dev.coldstart.python.Interpreter;
import dev.coldstart.python.Target;
import dev.coldstart.report.ProfileText;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code coldstart demo}: the whole story on a sample project shipped in the jar. */
@Command(
    name = "demo",
    header = "Run the whole story on a sample project shipped inside coldstart.",
    sortOptions = false,
    description = {
      "Show what coldstart does on a sample project shipped inside it: a package whose",
      "__init__ re-exports everything, so importing a one-line submodule is slow."
    })
public final class DemoCommand implements Callable<Integer> {
  private final Io io;

  @Mixin PythonOption python;

  @Option(names = "--runs", paramLabel = "N", defaultValue = "10", description = "Measured runs (default ${DEFAULT-VALUE}).")
  int runs;

  @Option(
      names = "--dir",
      paramLabel = "DIR",
      description = "Unpack the sample project here and keep it (default: a temporary directory, removed after).")
  Path dir;

  public DemoCommand(Io io) {
    this.io = io;
  }

  @Override
  public Integer call() throws IOException {
    if (runs < 1) {
      throw UserError.usage("--runs must be at least 1");
    }
    Interpreter py = python.interpreter();
    boolean keep = dir != null;
    Path root;
    if (keep) {
      Files.createDirectories(dir);
      if (Files.exists(dir.resolve(DemoProject.PACKAGE))) {
        throw UserError.usage(dir.resolve(DemoProject.PACKAGE) + " already exists; give an empty --dir");
      }
      root = dir;
    } else {
      root = Files.createTempDirectory("coldstart-demo");
    }
    try {
      DemoProject.unpack(root);
      return tell(py, root);
    } finally {
      if (!keep) {
        deleteTree(root);
      }
    }
  }

  private int tell(Interpreter py, Path root) {
    var out = io.out();
    out.println("coldstart demo: a package whose __init__ re-exports everything");
    out.println();
    out.println("The sample project (" + root.resolve(DemoProject.PACKAGE) + "):");
    out.println("  fleet/version.py   one line: VERSION = \"1.4.2\"");
    out.println("  fleet/__init__.py  from .protocols import Protocol, run_protocol");
    out.println("                     from .server import create_app   (and two more re-exports)");
    out.println("  So `import fleet.version` first runs fleet/__init__.py, which imports the");
    out.println("  protocol engine (asyncio, a calibration table built at import) and the HTTP");
    out.println("  server (http.server, email, sqlite3, xml) although version.py needs none of it.");
    out.println();
    out.println("Step 1. Where does the time go?");
    out.println("  $ coldstart profile " + DemoProject.TINY + " --runs " + runs);
    out.println();
    out.flush();
    Profile profile;
    try (Interrupts ints = Interrupts.forCurrentThread();
        Measurement m = Measurement.open(io, null)) {
      profile =
          Explainer.profile(
              new Profiler.Request(
                  py,
                  new Target.Module(DemoProject.TINY),
                  runs,
                  1,
                  Duration.ofMinutes(2),
                  true,
                  Map.of(),
                  root,
                  List.of()),
              m.listener())
          .profile();
      if (ints.happened()) {
        out.print(indent(ProfileText.render(profile, new ProfileText.Options(2, 2.0, 8))));
        return ExitCode.INTERRUPTED;
      }
    }
    out.print(indent(ProfileText.render(profile, new ProfileText.Options(2, 2.0, 8))));
    out.println();
    shipsStep(py, root);
    out.println();
    checkStep(py, root);
    out.println();
    int fixed = FixStep.tell(io, py, root, runs);
    if (fixed != ExitCode.OK) {
      return fixed;
    }
    out.println();
    checkStep(py, root);
    out.println();
    out.println("Next steps (try them on your own code):");
    out.println("  coldstart profile -m yourapp --runs 20      where your start-up goes");
    out.println("  coldstart profile yourpkg.sub --format json -o profile.json");
    out.println("  coldstart imports src/                      every import statement, as JSON lines");
    out.println("  coldstart fix src/yourpkg                   the lazy-import fixes, as a diff");
    out.flush();
    return ExitCode.OK;
  }

  /**
   * What production pays beyond time: the native code the tiny import drags in (a wheel built for
   * another CPU breaks the deploy, as stac-utils/stac-task issue 179 reports) and what site's .pth files cost at every start.
   */
  private void shipsStep(Interpreter py, Path root) {
    var out = io.out();
    out.println("What ships with it: native code and start-up hooks.");
    out.println("  $ coldstart footprint " + DemoProject.TINY + "   and   coldstart syspath");
    Footprint.Report fp = Footprint.measure(py, new Target.Module(DemoProject.TINY), Duration.ofMinutes(2), root);
    out.printf(
        java.util.Locale.ROOT,
        "  native: %d extension module(s), %s of native code loaded by `import %s`%n",
        fp.extensionModules(),
        dev.coldstart.limits.Limits.mb(fp.nativeBytes()),
        DemoProject.TINY);
    fp.distributions().stream()
        .filter(Footprint.DistUse::platformSpecific)
        .forEach(d -> out.println("  platform-specific wheel: " + d.name() + " " + d.version() + " " + String.join(" ", d.tags())));
    SysPathReport.Report sp = SysPathReport.build(py, null, 3, Duration.ofMinutes(1));
    out.printf(java.util.Locale.ROOT, "  site initialisation: %.2f ms at every start", sp.siteMs());
    out.println(sp.pth().isEmpty() ? ", no .pth files run code" : ", of which:");
    for (SysPathReport.Pth p : sp.pth()) {
      out.printf(
          java.util.Locale.ROOT,
          "    %8.2f ms  %s%s%n",
          p.medianMs(),
          p.file(),
          p.importLines().isEmpty() ? "" : "  (runs code: " + p.importLines().size() + " import line(s))");
    }
    out.flush();
  }

  /**
   * Step "check": the guard from the sample's pyproject.toml ([tool.coldstart]: fleet.version must
   * not load fleet.server or sqlite3), deterministic checks only. It fails while fleet/__init__.py
   * imports the server eagerly and passes once that import is lazy.
   */
  CheckReport checkStep(Interpreter py, Path root) {
    var out = io.out();
    out.println("Check. Guard it in CI: fleet.version must not load the server.");
    out.println("  $ coldstart check --no-timing      ([tool.coldstart] in pyproject.toml)");
    out.println();
    CheckConfig cfg = ConfigReader.read(root.resolve("pyproject.toml"));
    CheckReport report =
        Gate.run(
            new Gate.Request(py, cfg, cfg.runs(), Map.of(), null, false),
            new CheckCommand.Progress(io.err(), false));
    out.print(indent(CheckText.render(report)));
    out.println(
        report.failed()
            ? "  The check fails (exit 1), with the chain of imports to change: the re-export in fleet/__init__.py."
            : "  The check passes: fleet.version no longer loads the server.");
    out.flush();
    return report;
  }

  private static String indent(String text) {
    StringBuilder sb = new StringBuilder();
    for (String line : text.split("\n", -1)) {
      sb.append(line.isEmpty() ? "" : "  " + line).append('\n');
    }
    return sb.toString().stripTrailing() + "\n";
  }

  private static void deleteTree(Path root) {
    try (var s = Files.walk(root)) {
      s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException | RuntimeException e) {
      // A temporary directory left behind is harmless.
    }
  }
}
