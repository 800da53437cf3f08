package dev.coldstart.explain;

import java.util.List;

/**
 * One chain of imports from the interpreter to a module; each hop is the import that links two
 * consecutive modules (the one that loaded it when this chain did, else the first one seen).
 *
 * @param hops from the interpreter's first import to the module
 * @param loading every hop actually loaded its module: this is the chain {@code -X importtime}
 *     shows; other chains reach the module after it was already loaded
 */
public record ImportChain(List<ImportEdge> hops, boolean loading) {
  /** The modules along the chain, interpreter first. */
  public List<String> modules() {
    List<String> out = new java.util.ArrayList<>();
    out.add(hops.get(0).importer());
    hops.forEach(h -> out.add(h.module()));
    return out;
  }
}
