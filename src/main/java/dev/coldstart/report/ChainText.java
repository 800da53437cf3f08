package dev.coldstart.report;

import dev.coldstart.explain.ImportChain;
import dev.coldstart.explain.ImportEdge;
import java.util.ArrayList;
import java.util.List;

/** A why-chain as lines: one hop per line, the module and the import that loaded it. */
final class ChainText {
  private ChainText() {}

  static List<String> lines(ImportChain chain) {
    List<String> out = new ArrayList<>();
    if (chain == null) {
      out.add("(no chain recorded)");
      return out;
    }
    out.add(chain.hops().get(0).importer());
    for (ImportEdge hop : chain.hops()) {
      String where = hop.site() == null ? "(" + hop.how().name().toLowerCase(java.util.Locale.ROOT) + ")" : hop.site().toString();
      out.add("-> " + hop.module() + "    " + where);
    }
    return out;
  }
}
