package dev.coldstart.cli;

import dev.coldstart.ExitCode;
import dev.coldstart.UserError;
import dev.coldstart.graph.Closure;
import dev.coldstart.graph.Cycles;
import dev.coldstart.graph.EdgeFilter;
import dev.coldstart.graph.GraphBuilder;
import dev.coldstart.graph.GraphDot;
import dev.coldstart.graph.GraphJson;
import dev.coldstart.graph.GraphText;
import dev.coldstart.graph.ImportGraph;
import dev.coldstart.layout.ModuleLayout;
import dev.coldstart.layout.PythonModule;
import dev.coldstart.layout.SearchPath;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code coldstart graph [PATH...]}: the static import graph of a project tree (PATH given) or of
 * a whole environment (no PATH), with import cycles; {@code --closure MODULE}: what
 * {@code import MODULE} loads at import time. Format and semantics: docs/graph.md.
 */
@Command(
    name = "graph",
    header = "Static import graph of a tree or an environment; closure; cycles.",
    mixinStandardHelpOptions = true,
    description = {
      "Static import graph of Python files or of a whole environment, with import cycles.",
      "With --closure MODULE: every module `import MODULE` loads at import time (parent packages",
      "included; imports in functions, under TYPE_CHECKING and guarded by try/except ImportError",
      "left out unless --include-* says otherwise). Nothing is run but the interpreter's sys.path probe."
    })
public final class GraphCommand implements Callable<Integer> {
  /** Output formats. */
  enum Format {
    text,
    json,
    dot
  }

  private final Io io;

  @Parameters(
      arity = "0..*",
      paramLabel = "PATH",
      description = "Project files or directories (default: every module of the search path).")
  List<String> paths = new ArrayList<>();

  @Option(names = "--closure", paramLabel = "MODULE", description = "Show what `import MODULE` loads.")
  String closure;

  @Option(names = "--format", paramLabel = "FORMAT", description = "text (default), json or dot.")
  Format format = Format.text;

  @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write here instead of stdout.")
  String output;

  @Mixin GraphOptions options;

  public GraphCommand(Io io) {
    this.io = io;
  }

  @Override
  public Integer call() {
    List<Path> trees = GraphOptions.existing(paths);
    Set<Path> leading = new LinkedHashSet<>();
    trees.forEach(t -> leading.add(GraphOptions.rootOf(t)));
    ModuleLayout layout = options.layout(new ArrayList<>(leading), io);
    EdgeFilter filter = options.filter();
    String text;
    if (closure != null) {
      if (layout.find(closure).isEmpty()) {
        throw UserError.usage("module " + closure + " is not found in the search path " + layout.roots());
      }
      ImportGraph g = GraphBuilder.reachable(layout, List.of(closure), filter, options.jobs);
      Closure c = Closure.of(g, closure, filter);
      text = switch (format) {
        case text -> GraphText.closure(g, c);
        case json -> GraphJson.closure(g, c, filter);
        case dot -> GraphDot.closure(g, c, filter);
      };
    } else {
      List<PythonModule> scope = trees.isEmpty() ? layout.modules() : treeModules(layout, leading, trees);
      ImportGraph g = GraphBuilder.of(layout, scope, options.jobs);
      List<Cycles.Cycle> cycles = Cycles.of(g, filter);
      text = switch (format) {
        case text -> GraphText.graph(g, filter, cycles);
        case json -> GraphJson.graph(g, filter, cycles);
        case dot -> GraphDot.graph(g, filter, cycles);
      };
    }
    Output.write(io, output, text);
    return ExitCode.OK;
  }

  /** The modules whose files lie in the given trees, as the full layout finds them. */
  private static List<PythonModule> treeModules(ModuleLayout layout, Set<Path> roots, List<Path> trees) {
    List<PythonModule> out = new ArrayList<>();
    Set<String> seen = new LinkedHashSet<>();
    ModuleLayout local = ModuleLayout.of(SearchPath.ofRoots(new ArrayList<>(roots)));
    for (PythonModule candidate : local.modules()) {
      PythonModule m = layout.find(candidate.name()).orElse(null);
      if (m == null || !seen.add(m.name())) {
        continue;
      }
      List<Path> places = m.file() != null ? List.of(m.file()) : m.searchLocations();
      if (places.stream().anyMatch(p -> trees.stream().anyMatch(p::startsWith))) {
        out.add(m);
      }
    }
    return out;
  }
}
