package dev.coldstart.audit;

import dev.coldstart.explain.ImportSite;
import dev.coldstart.explain.ModuleCost;
import java.util.List;

/**
 * One deferral to audit: the imports it defers and what explain predicts it saves.
 *
 * @param name how it reads in reports (e.g. {@code the re-exports in fleet/__init__.py})
 * @param deferral the rules, applied together
 * @param predicted explain's predicted saving in microseconds (median and 95 % interval); null
 *     when the recorded graph cannot price it
 * @param site the first deferred statement; null for every import of a module
 * @param from where the candidate came from: {@code explain}, {@code --candidate} or {@code --from-fix}
 */
public record Candidate(String name, List<Deferral.Rule> deferral, ModuleCost predicted, ImportSite site, String from) {
  public Candidate {
    deferral = List.copyOf(deferral);
    if (deferral.isEmpty()) {
      throw new IllegalArgumentException("a candidate defers at least one import");
    }
  }

  /** The modules whose deferral this is: if every one is loaded anyway, nothing is saved. */
  public List<String> modules() {
    return deferral.stream().map(Deferral.Rule::module).distinct().toList();
  }
}
