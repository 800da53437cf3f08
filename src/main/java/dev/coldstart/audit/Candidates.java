package dev.coldstart.audit;

import dev.coldstart.UserError;
import dev.coldstart.explain.Explanation;
import dev.coldstart.explain.ImportEdge;
import dev.coldstart.explain.ModuleCost;
import dev.coldstart.explain.Opportunities;
import dev.coldstart.explain.Opportunity;
import dev.coldstart.explain.RuntimeImportGraph;
import dev.coldstart.python.Target;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Where candidates come from: explain's opportunities (the default), or the user's {@code
 * --candidate MODULE} / {@code IMPORTER:MODULE}, checked against the recorded import graph and
 * priced with it ({@link Opportunities#whatIf}).
 */
public final class Candidates {
  private Candidates() {}

  /** The first {@code top} of explain's opportunities that a deferral can apply to. */
  public static List<Candidate> fromExplanation(Explanation e, Target target, int top) {
    List<Candidate> out = new ArrayList<>();
    Set<List<Deferral.Rule>> seen = new LinkedHashSet<>();
    for (Opportunity o : e.opportunities()) {
      if (out.size() >= top) {
        break;
      }
      if (o.importer() != null && !deferrable(target, o.importer())) {
        continue;
      }
      List<Deferral.Rule> rules = switch (o.scope()) {
        case EVERY_IMPORT -> List.of(new Deferral.Rule(null, o.module()));
        case STATEMENT -> List.of(new Deferral.Rule(o.importer(), o.module()));
        case PACKAGE_INIT -> o.edges().stream()
            .filter(x -> x.how() != ImportEdge.How.PARENT && x.importer().equals(o.importer()))
            .map(x -> new Deferral.Rule(o.importer(), x.module())).distinct().toList();
      };
      if (rules.isEmpty() || rules.stream().anyMatch(r -> r.importer() == null && isTheTarget(target, r.module())) || !seen.add(rules)) {
        continue;
      }
      out.add(new Candidate(name(o), rules, o.saving(), o.site(), "explain"));
    }
    return out;
  }

  private static String name(Opportunity o) {
    return switch (o.scope()) {
      case EVERY_IMPORT -> "every import of " + o.module();
      case STATEMENT -> o.importer() + ":" + o.module();
      case PACKAGE_INIT -> "the re-exports of " + o.importer();
    };
  }

  /**
   * The user's candidates, {@code MODULE} (every import of it) or {@code IMPORTER:MODULE} (the
   * importer's statements that load it), each priced as the recorded graph predicts.
   *
   * @throws UserError exit 2 for a malformed name, or a module (importer) the target never imports
   */
  public static List<Candidate> fromSpecs(List<String> specs, Explanation e, Target target) {
    List<Candidate> out = new ArrayList<>();
    RuntimeImportGraph graph = e.graph();
    for (String spec : specs) {
      String s = spec.strip();
      int colon = s.lastIndexOf(':');
      String importer = colon < 0 ? null : s.substring(0, colon);
      String module = colon < 0 ? s : s.substring(colon + 1);
      if (!Target.isModuleName(module) || (importer != null && !Target.isModuleName(importer))) {
        throw UserError.usage("--candidate " + spec + ": not MODULE or IMPORTER:MODULE (dotted module names)");
      }
      if (importer == null && isTheTarget(target, module)) {
        throw UserError.usage("--candidate " + spec + ": that is the target itself; defer what it imports");
      }
      if (!graph.contains(module)) {
        throw UserError.usage("--candidate " + spec + ": " + target.describe() + " never imports " + module);
      }
      List<ImportEdge> edges = graph.importsOf(module).stream()
          .filter(x -> importer == null || x.importer().equals(importer))
          .filter(x -> !RuntimeImportGraph.ROOT.equals(x.importer()))
          .toList();
      if (edges.isEmpty()) {
        throw UserError.usage("--candidate " + spec + ": "
            + (importer == null ? "no import statement of " + module + " runs (the interpreter loads it at start-up)"
                : importer + " never imports " + module + " in " + target.describe()));
      }
      ModuleCost predicted;
      try {
        predicted = Opportunities.whatIf(e.retained(), edges).saving();
      } catch (RuntimeException ex) {
        predicted = null; // the graph cannot price it (e.g. only already-loaded imports)
      }
      out.add(new Candidate(importer == null ? "every import of " + module : s,
          List.of(new Deferral.Rule(importer, module)), predicted,
          importer == null ? null : edges.getFirst().site(), "--candidate"));
    }
    return out;
  }

  /**
   * The deferrals {@code coldstart fix} would write for {@code paths} (its default kinds: lazy
   * re-exports and TYPE_CHECKING imports; planned, nothing written): one candidate per change, its
   * statements matched by file and line to the imports the recorded run made (a change whose
   * statements the target never ran is left out).
   */
  public static List<Candidate> fromFix(List<String> paths, Explanation e, Target target) {
    List<dev.coldstart.fix.Fixer.FileFix> plan = dev.coldstart.fix.Fixer.plan(new dev.coldstart.fix.Fixer.Request(
        paths, java.util.EnumSet.of(dev.coldstart.fix.Codemod.REEXPORT, dev.coldstart.fix.Codemod.TYPE_CHECKING),
        dev.coldstart.fix.Style.PEP562, false));
    List<Candidate> out = new ArrayList<>();
    for (dev.coldstart.fix.Fixer.FileFix f : plan) {
      String file = f.file().toAbsolutePath().normalize().toString();
      for (dev.coldstart.fix.Change c : f.changes()) {
        List<ImportEdge> edges = new ArrayList<>();
        for (dev.coldstart.fix.Change.Deferral d : c.deferred()) {
          e.graph().edges().stream()
              .filter(x -> x.importer().equals(f.module()) && x.how() != ImportEdge.How.PARENT && x.site() != null
                  && sameFile(x.site().file(), file) && x.site().line() >= d.line() && x.site().line() <= d.endLine())
              .forEach(edges::add);
        }
        List<Deferral.Rule> rules = edges.stream().map(x -> new Deferral.Rule(f.module(), x.module())).distinct().toList();
        if (rules.isEmpty() || rules.stream().anyMatch(r -> isTheTarget(target, r.module()) && r.importer() == null)) {
          continue;
        }
        ModuleCost predicted;
        try {
          predicted = Opportunities.whatIf(e.retained(), edges).saving();
        } catch (RuntimeException ex) {
          predicted = null;
        }
        out.add(new Candidate(f.shown() + ": " + c.summary(), rules, predicted, edges.getFirst().site(), "--from-fix"));
      }
    }
    return out;
  }

  private static boolean sameFile(String recorded, String planned) {
    try {
      return java.nio.file.Path.of(recorded).toAbsolutePath().normalize().toString().equals(planned);
    } catch (java.nio.file.InvalidPathException ex) {
      return false;
    }
  }

  /** Deferring every import of the target (or of its parents) defers the target itself. */
  private static boolean isTheTarget(Target t, String module) {
    String name = t instanceof Target.Module m ? m.name() : t instanceof Target.RunModule r ? r.module() : null;
    return name != null && (name.equals(module) || name.startsWith(module + "."));
  }

  /** The interpreter's own imports cannot be deferred by the program; neither can the wrapper's. */
  private static boolean deferrable(Target t, String importer) {
    return !RuntimeImportGraph.ROOT.equals(importer) && !(t instanceof Target.Module && "__main__".equals(importer));
  }
}
