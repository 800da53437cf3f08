package dev.coldstart.graph;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Graphviz renderings. Scanned modules are boxes, others ellipses; conditional edges are dashed;
 * edges inside an import cycle are red; in a closure the start module is bold. Parent-package
 * edges are left out (they are implied by the dotted names).
 */
public final class GraphDot {
  private GraphDot() {}

  public static String graph(ImportGraph g, EdgeFilter filter, List<Cycles.Cycle> cycles) {
    Set<String> inCycle = new LinkedHashSet<>();
    cycles.forEach(c -> inCycle.addAll(c.members()));
    StringBuilder sb = new StringBuilder(1 << 16).append("digraph imports {\n  rankdir=LR;\n");
    for (String m : g.modules().keySet()) {
      sb.append("  ").append(q(m)).append(g.scanned().contains(m) ? " [shape=box]" : "")
          .append(";\n");
    }
    Set<String> seen = new java.util.HashSet<>();
    for (String m : g.scanned()) {
      for (Edge e : g.edgesFrom(m)) {
        if (e.statement() != null && filter.admits(e) && seen.add(e.from() + " " + e.to())) {
          edge(sb, e, inCycle.contains(e.from()) && inCycle.contains(e.to()));
        }
      }
    }
    return sb.append("}\n").toString();
  }

  public static String closure(ImportGraph g, Closure c, EdgeFilter filter) {
    StringBuilder sb = new StringBuilder(1 << 14).append("digraph closure {\n  rankdir=LR;\n");
    for (String m : c.reachedBy().keySet()) {
      sb.append("  ").append(q(m));
      if (m.equals(c.start())) {
        sb.append(" [style=bold]");
      } else if (c.conditional().contains(m)) {
        sb.append(" [style=dashed]");
      }
      sb.append(";\n");
    }
    Set<String> seen = new java.util.HashSet<>();
    for (Map.Entry<String, Edge> en : c.reachedBy().entrySet()) {
      for (Edge e : g.edgesFrom(en.getKey())) {
        if (e.statement() != null && filter.admits(e) && c.contains(e.to())
            && seen.add(e.from() + " " + e.to())) {
          edge(sb, e, false);
        }
      }
    }
    return sb.append("}\n").toString();
  }

  private static void edge(StringBuilder sb, Edge e, boolean cycle) {
    sb.append("  ").append(q(e.from())).append(" -> ").append(q(e.to())).append(" [label=")
        .append(q(":" + e.statement().line()));
    if (e.conditional()) {
      sb.append(", style=dashed");
    }
    if (cycle) {
      sb.append(", color=red");
    }
    sb.append("];\n");
  }

  private static String q(String s) {
    return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
  }
}
