package dev.coldstart.cli;

import dev.coldstart.ExitCode;
import dev.coldstart.UserError;
import dev.coldstart.graph.GraphJson;
import dev.coldstart.graph.GraphText;
import dev.coldstart.graph.StaticChains;
import dev.coldstart.layout.ModuleLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code coldstart why MODULE --from FROM --static}: the shortest static import chains from FROM
 * to MODULE, each hop with file:line and the statement, without running Python code. FROM is a
 * module name, or a {@code .py} file (its directory, or the directory above its packages, goes
 * first in the search path). Not registered as a verb of its own: {@code why --static} delegates
 * here.
 */
@Command(
    name = "why-static",
    hidden = true,
    mixinStandardHelpOptions = true,
    description = "Shortest static import chains from one module to another, each hop with file:line and statement.")
public final class WhyStaticCommand implements Callable<Integer> {
  enum Format {
    text,
    json
  }

  private final Io io;

  @Parameters(index = "0", paramLabel = "MODULE", description = "The module that gets imported.")
  String module;

  @Option(names = "--from", required = true, paramLabel = "MODULE|FILE.py", description = "Where the chains start.")
  String from;

  @Option(names = "--static", description = "Read sources instead of running Python (always on here).")
  boolean staticMode = true;

  @Option(names = "--max-chains", paramLabel = "N", description = "Chains shown (default 5).")
  int maxChains = 5;

  @Option(names = "--format", paramLabel = "FORMAT", description = "text (default) or json.")
  Format format = Format.text;

  @Mixin GraphOptions options;

  public WhyStaticCommand(Io io) {
    this.io = io;
  }

  @Override
  public Integer call() {
    List<Path> leading = new ArrayList<>();
    String start = from;
    if (from.endsWith(".py")) {
      Path file = Path.of(from);
      if (!Files.isRegularFile(file)) {
        throw UserError.usage("--from " + from + ": no such file");
      }
      Path root = GraphOptions.rootOf(file);
      leading.add(root);
      start = moduleName(root, file.toAbsolutePath().normalize());
    }
    ModuleLayout layout = options.layout(leading, io);
    if (layout.find(start).isEmpty()) {
      throw UserError.usage("module " + start + " is not found in the search path " + layout.roots());
    }
    if (layout.find(module).isEmpty()) {
      throw UserError.usage("module " + module + " is not found in the search path " + layout.roots());
    }
    StaticChains.Result r =
        StaticChains.find(layout, start, module, options.filter(), maxChains, options.jobs);
    Output.write(io, null, format == Format.json ? GraphJson.chains(r) : GraphText.chains(r));
    return ExitCode.OK;
  }

  /** {@code root/a/b/c.py} is a.b.c; {@code root/a/__init__.py} is a. */
  static String moduleName(Path root, Path file) {
    String rel = root.relativize(file).toString().replace(java.io.File.separatorChar, '.');
    rel = rel.substring(0, rel.length() - 3);
    return rel.endsWith(".__init__") ? rel.substring(0, rel.length() - 9) : rel;
  }
}
