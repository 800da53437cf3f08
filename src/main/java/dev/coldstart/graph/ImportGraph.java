package dev.coldstart.graph;

import dev.coldstart.layout.PthFile;
import dev.coldstart.layout.PythonModule;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A static import graph: modules, every edge read from the scanned modules' sources (all scopes;
 * an {@link EdgeFilter} decides which count), imports that did not resolve, and the start-up code
 * of {@code .pth} files. Modules outside the scanned set appear as nodes without outgoing import
 * edges.
 *
 * @param roots the search path it was resolved against
 * @param modules every node, scanned ones first, in build order
 * @param scanned names of the modules whose sources were read (the tree, the environment, or what
 *     a closure reached)
 * @param out outgoing edges per module, in statement order, parent edge first
 * @param unresolved imports that did not resolve, in order of discovery
 * @param problems scanner diagnostics as {@code file:line: message}
 * @param pth the site directories' .pth files
 */
public record ImportGraph(
    List<Path> roots,
    Map<String, PythonModule> modules,
    Set<String> scanned,
    Map<String, List<Edge>> out,
    List<Unresolved> unresolved,
    List<String> problems,
    List<PthFile> pth) {
  public ImportGraph {
    modules = Collections.unmodifiableMap(new LinkedHashMap<>(modules));
    scanned = Collections.unmodifiableSet(new java.util.LinkedHashSet<>(scanned));
    unresolved = List.copyOf(unresolved);
    problems = List.copyOf(problems);
    pth = List.copyOf(pth);
  }

  /** Outgoing edges of a module (empty when it was not scanned). */
  public List<Edge> edgesFrom(String module) {
    return out.getOrDefault(module, List.of());
  }

  /** Every edge, module by module. */
  public List<Edge> edges() {
    List<Edge> all = new ArrayList<>();
    out.values().forEach(all::addAll);
    return all;
  }

  /** The file shown for a module: its source or extension file, else its description. */
  public String fileOf(String module) {
    PythonModule m = modules.get(module);
    return m == null ? "?" : m.where();
  }
}
