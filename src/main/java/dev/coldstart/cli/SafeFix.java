package dev.coldstart.cli;

import dev.coldstart.ExitCode;
import dev.coldstart.audit.Candidate;
import dev.coldstart.audit.Deferral;
import dev.coldstart.explain.Explanation;
import dev.coldstart.explain.ImportEdge;
import dev.coldstart.fix.Change;
import dev.coldstart.fix.Codemod;
import dev.coldstart.fix.Fixer;
import dev.coldstart.fix.Style;
import dev.coldstart.fix.Verification;
import dev.coldstart.python.Interpreter;
import dev.coldstart.python.Target;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code audit --fix}: hands exactly the deferrals judged safe to {@code coldstart fix}. The fix is
 * planned for the files that hold the safe candidates' import statements, and a change is kept only
 * when every import statement it defers is one the safe candidates deferred in the audit (a lazy
 * {@code __init__} that would also defer an unsafe or unmeasured re-export is not written at all).
 * Then {@code fix --verify}'s proof runs: public API before and after, the target re-measured,
 * files restored on any difference.
 */
final class SafeFix {
  private SafeFix() {}

  static int apply(Io io, Interpreter py, Target t, Explanation e, List<Candidate> safe, int runs, Duration timeout) {
    PrintWriter w = io.err();
    if (safe.isEmpty()) {
      w.println("coldstart: --fix: no candidate was judged safe; nothing written.");
      w.flush();
      return ExitCode.OK;
    }
    List<Deferral.Rule> rules = safe.stream().flatMap(c -> c.deferral().stream()).toList();
    Set<String> files = new LinkedHashSet<>();
    for (ImportEdge edge : e.graph().edges()) {
      if (edge.site() != null && edge.how() != ImportEdge.How.PARENT && covered(rules, edge)) {
        files.add(edge.site().file());
      }
    }
    List<Fixer.FileFix> plan = files.isEmpty() ? List.of() : Fixer.plan(new Fixer.Request(new ArrayList<>(files),
        EnumSet.of(Codemod.REEXPORT, Codemod.TYPE_CHECKING), Style.PEP562, false));
    List<Fixer.FileFix> kept = new ArrayList<>();
    List<String> left = new ArrayList<>();
    for (Fixer.FileFix f : plan) {
      Fixer.FileFix k = Fixer.keep(f, c -> {
        boolean all = allSafe(rules, e, f, c);
        if (!all) {
          left.add(f.shown() + ": " + c.summary());
        }
        return all;
      });
      kept.add(k);
    }
    List<Fixer.FileFix> changed = kept.stream().filter(Fixer.FileFix::changed).toList();
    for (String l : left) {
      w.println("coldstart: --fix: not written (it also defers imports the audit did not judge safe): " + l);
    }
    if (changed.isEmpty()) {
      w.println("coldstart: --fix: coldstart fix has no change that defers only the safe candidates' imports;"
          + " nothing written.");
      w.flush();
      return ExitCode.OK;
    }
    for (Fixer.FileFix f : changed) {
      for (Change c : f.changes()) {
        w.println("Fix: " + f.shown() + ": " + c.summary());
      }
    }
    Verification.Result r;
    try (Measurement progress = Measurement.open(io, null)) {
      r = Verification.applyAndVerify(changed, new Verification.Measure(py, t, runs, timeout), progress.listener());
    }
    FixCommand.report(w, r);
    w.flush();
    return r.safe() ? ExitCode.OK : ExitCode.FAILED;
  }

  /** Whether a safe candidate's deferral covers this import. */
  private static boolean covered(List<Deferral.Rule> rules, ImportEdge edge) {
    for (Deferral.Rule r : rules) {
      if (r.module().equals(edge.module()) && (r.importer() == null || r.importer().equals(edge.importer()))) {
        return true;
      }
    }
    return false;
  }

  /** Every import the change defers ran in the recorded run and is covered by a safe candidate. */
  private static boolean allSafe(List<Deferral.Rule> rules, Explanation e, Fixer.FileFix f, Change c) {
    String file = f.file().toAbsolutePath().normalize().toString();
    boolean any = false;
    for (Change.Deferral d : c.deferred()) {
      for (ImportEdge x : e.graph().edges()) {
        if (x.importer().equals(f.module()) && x.how() != ImportEdge.How.PARENT && x.site() != null
            && sameFile(x.site().file(), file) && x.site().line() >= d.line() && x.site().line() <= d.endLine()) {
          if (!covered(rules, x)) {
            return false;
          }
          any = true;
        }
      }
    }
    return any;
  }

  private static boolean sameFile(String recorded, String planned) {
    try {
      return Path.of(recorded).toAbsolutePath().normalize().toString().equals(planned);
    } catch (java.nio.file.InvalidPathException ex) {
      return false;
    }
  }
}
