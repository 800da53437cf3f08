package dev.coldstart.report;

import dev.coldstart.profile.Profile;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The text of a profile's lazy imports (Python 3.15+, PEP 810), shared by {@code profile} and
 * {@code explain}: each lazy import reified during start-up as a finding of its own (where it was
 * declared lazy, the use that reified it, what start-up still pays and the fix), then the lazy
 * imports nothing used (avoided).
 */
final class LazyLines {
  private LazyLines() {}

  /** The section; empty when the profile has no lazy import. */
  static String render(List<Profile.LazyImport> lazy, int limit) {
    if (lazy == null || lazy.isEmpty() || limit <= 0) {
      return "";
    }
    List<Profile.LazyImport> reified =
        lazy.stream()
            .filter(l -> l.reified() != null)
            .sorted(Comparator.comparingDouble((Profile.LazyImport l) -> -cost(l)))
            .toList();
    StringBuilder sb = new StringBuilder();
    sb.append("Lazy imports (PEP 810; a reified one is paid at start-up: median ms [95% CI])\n");
    int shown = 0;
    for (Profile.LazyImport l : reified) {
      if (shown++ >= limit) {
        sb.append("  ... ").append(reified.size() - limit).append(" more reified\n");
        break;
      }
      sb.append("  ").append(line(l)).append('\n');
      if (l.costMs() != null && !l.freed().isEmpty()) {
        sb.append("        fix: ").append(fix(l)).append('\n');
        sb.append("        frees ")
            .append(l.freed().size())
            .append(l.freed().size() == 1 ? " module: " : " modules: ")
            .append(String.join(", ", l.freed().subList(0, Math.min(8, l.freed().size()))))
            .append(l.freed().size() > 8 ? ", ..." : "")
            .append('\n');
      }
    }
    // Avoided ones by module (the standard library declares some of its own imports lazy, e.g.
    // _colorize in several modules): each once, with where it was first declared. Those never used
    // but loaded by another import change nothing at start-up: counted, listed in the JSON.
    java.util.Map<String, String> avoided = new java.util.LinkedHashMap<>();
    long anyway = 0;
    for (Profile.LazyImport l : lazy) {
      if (l.reified() == null && l.status().equals("avoided")) {
        avoided.putIfAbsent(l.module(), l.declared() == null ? l.module() : l.module() + " (" + at(l.declared()) + ")");
      } else if (l.reified() == null) {
        anyway++;
      }
    }
    if (!avoided.isEmpty()) {
      sb.append("  avoided (never used, never loaded): ").append(list(new ArrayList<>(avoided.values()))).append('\n');
    }
    if (anyway > 0) {
      sb.append("  ").append(anyway).append(" more never used, but loaded by another import (no saving)\n");
    }
    return sb.toString();
  }

  /** "heavy: lazy at app.py:1, reified at app.py:4 (`print(heavy.X)`, module level) - ...". */
  static String line(Profile.LazyImport l) {
    StringBuilder sb = new StringBuilder(l.module()).append(": lazy");
    if (l.declaredBy() != null && !l.declaredBy().equals("lazy-statement")) {
      sb.append(
          switch (l.declaredBy()) {
            case "lazy-modules" -> " (__lazy_modules__)";
            case "global-mode" -> " (global mode)";
            default -> " (" + l.declaredBy() + ")";
          });
    }
    if (l.filter()) {
      sb.append(" (kept by the program's filter)");
    }
    sb.append(l.declared() == null ? " (declared before the program ran)" : " at " + at(l.declared()));
    Profile.Site u = l.reified();
    if (u == null) {
      return sb.append(", never used").toString();
    }
    sb.append(", reified at ").append(at(u)).append(" (");
    if (u.statement() != null) {
      sb.append('`').append(u.statement()).append("`, ");
    }
    sb.append(u.function() == null ? "module level" : "in " + u.function() + "()").append(')');
    if (l.costMs() == null || l.freed().isEmpty()) {
      return sb.append(" - start-up loads it anyway (other imports need it)").toString();
    }
    Profile.Interval c = l.costMs();
    return sb.append(
            String.format(
                Locale.ROOT,
                " - start-up still pays %s ms [%s, %s]",
                ProfileText.ms(c.median()),
                ProfileText.ms(c.low()),
                ProfileText.ms(c.high())))
        .toString();
  }

  static String fix(Profile.LazyImport l) {
    return l.reified().function() == null
        ? "move the use into the function that needs it"
        : l.reified().function()
            + "() runs during start-up and uses it: call it later, or move the use where it is needed";
  }

  private static double cost(Profile.LazyImport l) {
    return l.costMs() == null ? 0 : l.costMs().median();
  }

  private static String at(Profile.Site s) {
    return s.file() == null ? String.valueOf(s.module()) : OpportunityLines.path(s.file()) + ":" + s.line();
  }

  private static String list(List<String> items) {
    return String.join(", ", items.subList(0, Math.min(6, items.size())))
        + (items.size() > 6 ? ", ... (" + items.size() + " in all)" : "");
  }
}
