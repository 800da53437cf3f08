package dev.coldstart.fix;

import java.util.ArrayList;
import java.util.List;

/** What a codemod found in one file: the change it makes (if any) and what it refused. */
record Outcome(List<Change> changes, List<Refusal> refusals) {
  static Outcome none() {
    return new Outcome(List.of(), List.of());
  }

  static Outcome refused(Refusal r) {
    return new Outcome(List.of(), List.of(r));
  }

  static Outcome of(Change c, List<Refusal> refusals) {
    List<Change> cs = new ArrayList<>();
    if (c != null) {
      cs.add(c);
    }
    return new Outcome(cs, List.copyOf(refusals));
  }
}
