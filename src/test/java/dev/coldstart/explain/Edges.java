package dev.coldstart.explain;

import java.util.ArrayList;
import java.util.List;

/** Synthetic import graphs for tests: {@code add("a", "heavy", 3)} = module a, line 3 imports heavy. */
final class Edges {
  private final List<ImportEdge> edges = new ArrayList<>();
  private final java.util.Set<String> loaded = new java.util.HashSet<>(List.of("<python>"));
  private long seq;

  Edges add(String importer, String module, int line) {
    boolean before = !loaded.add(module);
    ImportSite site =
        importer.equals(RuntimeImportGraph.ROOT)
            ? null
            : new ImportSite(importer.replace('.', '/') + ".py", line, "import " + module);
    edges.add(
        new ImportEdge(
            importer, module, site, ImportEdge.How.TARGET, before, List.of(), false, ++seq));
    return this;
  }

  Edges add(String importer, String module) {
    return add(importer, module, (int) seq + 1);
  }

  List<ImportEdge> list() {
    return edges;
  }

  RuntimeImportGraph graph() {
    return RuntimeImportGraph.of(edges);
  }

  ImportEdge edge(String importer, String module) {
    return edges.stream()
        .filter(e -> e.importer().equals(importer) && e.module().equals(module))
        .findFirst()
        .orElseThrow();
  }
}
