package dev.coldstart.cli;

import dev.coldstart.ExitCode;
import dev.coldstart.demo.DemoProject;
import dev.coldstart.fix.Codemod;
import dev.coldstart.fix.Fixer;
import dev.coldstart.fix.Style;
import dev.coldstart.fix.Verification;
import dev.coldstart.python.Interpreter;
import dev.coldstart.python.Target;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;

/**
 * The demo's "fix" step: {@code coldstart fix --verify} on the unpacked sample project, told as a
 * story: the lazy {@code __init__}, the public API check, and predicted vs achieved saving.
 */
final class FixStep {
  private FixStep() {}

  static int tell(Io io, Interpreter py, Path root, int runs) {
    PrintWriter out = io.out();
    Path pkg = root.resolve(DemoProject.PACKAGE);
    out.println("Step 2. Make the re-exports lazy, prove the API unchanged, re-measure.");
    out.println("  $ coldstart fix " + pkg + " --verify " + DemoProject.TINY + " --runs " + runs);
    out.println();
    out.flush();
    List<Fixer.FileFix> plan = Fixer.plan(new Fixer.Request(
        List.of(pkg.toString()), EnumSet.of(Codemod.REEXPORT), Style.PEP562, false));
    for (Fixer.FileFix f : plan) {
      f.changes().forEach(c -> out.println("  " + f.shown() + ": " + c.summary()));
    }
    Verification.Result r;
    try (Interrupts ints = Interrupts.forCurrentThread();
        Measurement progress = Measurement.open(io, null)) {
      r = Verification.applyAndVerify(plan,
          new Verification.Measure(py, new Target.Module(DemoProject.TINY), runs, Duration.ofMinutes(2)), progress.listener());
      if (ints.happened()) {
        return ExitCode.INTERRUPTED;
      }
    }
    out.println("  Public API of " + String.join(", ", r.modulesChecked()) + ": "
        + (r.safe() ? "unchanged (__all__, dir(), every name's object, star import)" : "CHANGED"));
    r.problems().forEach(p -> out.println("    " + p));
    if (!r.safe()) {
      out.println("  The fix was unsafe here and was undone.");
      return ExitCode.FAILED;
    }
    Verification.Prediction p = r.prediction();
    out.printf(Locale.ROOT, "  import %s: %.1f ms before, %.1f ms after; %.0f modules before, %.0f after%n",
        DemoProject.TINY, r.before().importMs().median(), r.after().importMs().median(),
        r.before().moduleCount(), r.after().moduleCount());
    out.printf(Locale.ROOT, "  Saving of import time: predicted %.1f ms (%.1f to %.1f)%s, achieved %.1f ms (%.0f %%)%n",
        p.savingMs(), p.lowMs(), p.highMs(), FixCommand.share(p), r.achievedMs(),
        100 * r.achievedMs() / r.before().importMs().median());
    out.println("  Every name in fleet.__all__ still imports: fleet/__init__.py now has a PEP 562");
    out.println("  __getattr__ that imports each on first use, and an `if TYPE_CHECKING:` block for IDEs.");
    out.flush();
    return ExitCode.OK;
  }
}
