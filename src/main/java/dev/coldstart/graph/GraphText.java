package dev.coldstart.graph;

import dev.coldstart.layout.PthFile;
import dev.coldstart.layout.PythonModule;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Plain-text renderings of graphs, closures and chains: one module per line with its file, each
 * import edge indented below with its line and statement, then cycles, unresolved imports and the
 * start-up code of .pth files. Parent-package edges are implicit in text.
 */
public final class GraphText {
  private GraphText() {}

  /** The whole graph: scanned modules and their admitted edges. */
  public static String graph(ImportGraph g, EdgeFilter filter, List<Cycles.Cycle> cycles) {
    StringBuilder sb = new StringBuilder(1 << 16);
    int edges = 0;
    Map<String, Integer> excluded = Flags.excluded(g, g.scanned(), filter);
    long unresolved = g.unresolved().stream().filter(u -> filter.exclusion(u) == null).count();
    StringBuilder body = new StringBuilder(1 << 16);
    for (String name : g.scanned()) {
      PythonModule m = g.modules().get(name);
      body.append(name).append("  ").append(m.where()).append('\n');
      for (Edge e : g.edgesFrom(name)) {
        if (e.statement() == null) {
          continue;
        }
        if (!filter.admits(e)) {
          continue;
        }
        edges++;
        body.append("  -> ").append(e.to()).append("  :").append(e.statement().line())
            .append("  ").append(oneLine(e.statement().text())).append(Flags.of(e.statement()))
            .append('\n');
      }
    }
    sb.append("Import graph: ").append(g.scanned().size()).append(" modules read, ")
        .append(g.modules().size()).append(" modules in all, ").append(edges)
        .append(" import edges, ").append(unresolved).append(" unresolved, ")
        .append(cycles.size()).append(cycles.size() == 1 ? " cycle" : " cycles").append('\n');
    String left = Flags.leftOut(excluded);
    if (!left.isEmpty()) {
      sb.append(left).append('\n');
    }
    sb.append('\n').append(body);
    cycles(sb, g, cycles);
    unresolved(sb, g, g.unresolved(), filter);
    pth(sb, g.pth());
    if (!g.problems().isEmpty()) {
      sb.append("\nFiles the scanner could not fully read: ").append(g.problems().size())
          .append(" diagnostic(s) (listed in --format json).\n");
    }
    return sb.toString();
  }

  /** What {@code import MODULE} loads, with the edge that brings each module in. */
  public static String closure(ImportGraph g, Closure c) {
    StringBuilder sb = new StringBuilder(1 << 14);
    sb.append("import ").append(c.start()).append(" loads ").append(c.reachedBy().size())
        .append(" modules (static prediction");
    if (!c.conditional().isEmpty()) {
      sb.append("; ").append(c.conditional().size()).append(" only on some branches");
    }
    sb.append("):\n");
    for (Map.Entry<String, Edge> en : c.reachedBy().entrySet()) {
      String name = en.getKey();
      Edge e = en.getValue();
      sb.append("  ").append(name);
      if (c.conditional().contains(name)) {
        sb.append(" (conditional)");
      }
      sb.append("  ").append(g.fileOf(name)).append('\n');
      if (e != null) {
        sb.append("      <- ");
        if (e.statement() == null) {
          sb.append(e.from()).append(" (parent package runs first)\n");
        } else {
          sb.append(e.from()).append(':').append(e.statement().line()).append("  ")
              .append(oneLine(e.statement().text())).append(Flags.of(e)).append('\n');
        }
      }
    }
    unresolved(sb, g, c.unresolved(), null);
    String left = Flags.leftOut(c.excluded());
    if (!left.isEmpty()) {
      sb.append('\n').append(left).append('\n');
    }
    return sb.toString();
  }

  /** Static why: each chain as numbered hops with file:line and statement. */
  public static String chains(StaticChains.Result r) {
    StringBuilder sb = new StringBuilder();
    if (!r.fromFound()) {
      return "Module " + r.from() + " is not in the search path.\n";
    }
    if (!r.toFound()) {
      return "Module " + r.to() + " is not in the search path.\n";
    }
    if (r.chains().isEmpty()) {
      sb.append("No static import chain from ").append(r.from()).append(" to ").append(r.to())
          .append(" (with the statements counted; see --include-* options).\n");
      if (!r.unresolved().isEmpty()) {
        sb.append("A chain may run through an import that did not resolve (its module was not found to read):\n");
        unresolvedLines(sb, r.graph(), r.unresolved());
        sb.append("Add the directories that hold them (--root, --python), or run it: `coldstart why ")
            .append(r.to()).append(" --from ").append(r.from()).append("`.\n");
      }
      return sb.toString();
    }
    int len = r.chains().get(0).hops().size();
    sb.append(r.total()).append(r.total() == 1 ? " shortest chain" : " shortest chains")
        .append(" from ").append(r.from()).append(" to ").append(r.to()).append(" (")
        .append(len).append(len == 1 ? " hop" : " hops").append(")");
    if (r.total() > r.chains().size()) {
      sb.append(", first ").append(r.chains().size());
    }
    sb.append(":\n");
    int i = 1;
    for (StaticChains.Chain ch : r.chains()) {
      sb.append('\n').append(i++).append(". ").append(r.from());
      for (StaticChains.Hop h : ch.hops()) {
        sb.append(" -> ").append(h.to());
      }
      sb.append('\n');
      for (StaticChains.Hop h : ch.hops()) {
        if (h.parentPackage()) {
          sb.append("   ").append(h.from()).append(" -> ").append(h.to())
              .append("  parent package runs first: ").append(h.file()).append('\n');
        } else {
          sb.append("   ").append(h.file()).append(':').append(h.line()).append("  ")
              .append(oneLine(h.statement())).append(h.conditional() ? " [conditional]" : "")
              .append('\n');
        }
      }
    }
    return sb.toString();
  }

  private static void cycles(StringBuilder sb, ImportGraph g, List<Cycles.Cycle> cycles) {
    if (cycles.isEmpty()) {
      return;
    }
    sb.append("\nCycles (").append(cycles.size()).append("):\n");
    for (Cycles.Cycle c : cycles) {
      sb.append("  ").append(c.members().size()).append(" modules: ")
          .append(String.join(", ", c.members())).append('\n');
      for (Edge e : c.path()) {
        sb.append("    ").append(e.from()).append(" -> ").append(e.to()).append("  ")
            .append(g.fileOf(e.from())).append(':').append(e.statement().line()).append("  ")
            .append(oneLine(e.statement().text())).append('\n');
      }
    }
  }

  /**
   * Unresolved imports, one line per top-level name (most imports first): an import alone keeps its
   * file, line and statement; several imports of one top-level name become one line with their
   * counts and the first of them (an environment without its standard library would otherwise
   * print one line per `import typing`). JSON lists each.
   */
  private static void unresolved(
      StringBuilder sb, ImportGraph g, List<Unresolved> list, EdgeFilter filter) {
    List<Unresolved> shown =
        filter == null ? list : list.stream().filter(u -> filter.exclusion(u) == null).toList();
    if (shown.isEmpty()) {
      return;
    }
    long names = shown.stream().map(u -> Unresolved.topLevel(u.module())).distinct().count();
    sb.append("\nUnresolved imports (").append(shown.size());
    if (names < shown.size()) {
      sb.append(", ").append(names).append(" top-level name").append(names == 1 ? "" : "s")
          .append("; --format json lists each");
    }
    sb.append("):\n");
    unresolvedLines(sb, g, shown);
  }

  /** One line per top-level name, most imports first (see {@link #unresolved}). */
  private static void unresolvedLines(StringBuilder sb, ImportGraph g, List<Unresolved> shown) {
    Map<String, List<Unresolved>> byTop = new java.util.LinkedHashMap<>();
    for (Unresolved u : shown) {
      byTop.computeIfAbsent(Unresolved.topLevel(u.module()), k -> new java.util.ArrayList<>()).add(u);
    }
    List<Map.Entry<String, List<Unresolved>>> groups = new java.util.ArrayList<>(byTop.entrySet());
    groups.sort((a, b) -> Integer.compare(b.getValue().size(), a.getValue().size()));
    for (Map.Entry<String, List<Unresolved>> group : groups) {
      List<Unresolved> us = group.getValue();
      Unresolved u = us.get(0);
      if (us.size() > 1) {
        long importers = us.stream().map(Unresolved::importer).distinct().count();
        List<String> names = us.stream().map(Unresolved::module).distinct().toList();
        sb.append("  ").append(group.getKey()).append(": ").append(us.size()).append(" imports in ")
            .append(importers).append(importers == 1 ? " module" : " modules").append(" (")
            .append(names.size() == 1 ? names.get(0) : names.size() + " names").append(": ").append(u.reason())
            .append("), first ");
      } else {
        sb.append("  ");
      }
      sb.append(g.fileOf(u.importer())).append(':').append(u.statement().line())
          .append("  ").append(oneLine(u.statement().text()));
      if (us.size() == 1) {
        sb.append("  (").append(u.module()).append(": ").append(u.reason()).append(')').append(Flags.of(u.statement()));
      }
      sb.append('\n');
    }
  }

  private static void pth(StringBuilder sb, List<PthFile> pth) {
    if (pth.isEmpty()) {
      return;
    }
    sb.append("\n.pth files (").append(pth.size()).append("):\n");
    for (PthFile f : pth) {
      sb.append("  ").append(f.file()).append('\n');
      for (Path p : f.addedPaths()) {
        sb.append("    adds ").append(p).append('\n');
      }
      for (String p : f.missingPaths()) {
        sb.append("    names missing ").append(p).append(" (ignored)\n");
      }
      for (PthFile.Code c : f.imports()) {
        sb.append("    ").append(f.file()).append(':').append(c.line())
            .append("  runs at every start: ").append(oneLine(c.text())).append('\n');
      }
    }
  }

  private static final java.util.regex.Pattern LINE_BREAK =
      java.util.regex.Pattern.compile("\\s*\\\\?\\r?\\n\\s*");

  /** A statement on one line: line breaks (and backslash joins) become one space. */
  static String oneLine(String s) {
    if (s == null) {
      return "";
    }
    return s.indexOf('\n') < 0 && s.indexOf('\r') < 0 ? s : LINE_BREAK.matcher(s).replaceAll(" ");
  }
}
