package dev.coldstart.report;

import dev.coldstart.profile.Profile;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The text of ranked opportunities, shared by {@code profile} and {@code explain}: the predicted
 * saving with its interval, where the statement is, what to do, the statement, and what would no
 * longer be loaded.
 */
final class OpportunityLines {
  private OpportunityLines() {}

  /** The section heading and the first {@code limit} opportunities; empty when there are none. */
  static String render(List<Profile.Opportunity> ops, int limit, int freedShown) {
    if (ops == null || ops.isEmpty() || limit <= 0) {
      return "";
    }
    StringBuilder sb = new StringBuilder();
    sb.append(
        "Opportunities (predicted saving of import time if deferred, median ms [95% CI] and its share"
            + " of import time; modules still imported elsewhere save nothing)\n");
    int i = 0;
    for (Profile.Opportunity o : ops) {
      if (i++ >= limit) {
        break;
      }
      Profile.Interval s = o.savingMs();
      sb.append(
          String.format(
              Locale.ROOT,
              "  %2d. %8s ms [%s, %s]%s  %s%n",
              i,
              ProfileText.ms(s.median()),
              ProfileText.ms(s.low()),
              ProfileText.ms(s.high()),
              share(o.shareOfImport()),
              where(o)));
      sb.append("        fix: ").append(fix(o)).append('\n');
      if (o.statement() != null) {
        sb.append("        ").append(o.statement()).append('\n');
      }
      List<String> freed = o.freed();
      if (freed.isEmpty() && "module-statement".equals(o.scope())) {
        continue; // work done at import, not modules loaded
      }
      sb.append("        frees ")
          .append(freed.size())
          .append(freed.size() == 1 ? " module: " : " modules: ")
          .append(String.join(", ", freed.subList(0, Math.min(freedShown, freed.size()))))
          .append(freed.size() > freedShown ? ", ..." : "")
          .append('\n');
    }
    return sb.toString();
  }

  /** " = 43 % [40, 45] of import" or "" when unknown. */
  private static String share(Profile.Interval share) {
    return share == null
        ? ""
        : String.format(
            Locale.ROOT,
            " = %.0f %% [%.0f, %.0f] of import",
            100 * share.median(),
            100 * share.low(),
            100 * share.high());
  }

  private static String where(Profile.Opportunity o) {
    return switch (o.scope()) {
      case "every-import" -> "every import of " + o.module();
      case "package-init" ->
          "the re-exports in " + path(o.file()) + " (from line " + o.line() + ")";
      default -> (o.file() == null ? o.importer() + " imports " + o.module() : path(o.file()) + ":" + o.line());
    };
  }

  static String fix(Profile.Opportunity o) {
    return switch (o.fix()) {
      case "reexport-lazy-init" ->
          "make " + o.importer() + "'s __init__ lazy (PEP 562 __getattr__, names under TYPE_CHECKING)";
      case "function-local" -> "import it inside the functions that use it";
      case "compute-on-first-access" ->
          "work done at import: compute it on first access (a PEP 562 __getattr__ for the name, or a cached"
              + " function)";
      case "move-into-function" -> "work done at import: move it into the function that needs it";
      case "type-checking" -> "only annotations use it: move it under `if TYPE_CHECKING:`";
      case "defer-optional-probe" -> "probe the optional dependency when it is first needed";
      default ->
          o.scope().equals("every-import")
              ? "defer every import of " + o.module()
              : "defer this import (make it lazy or move it where it is used)";
    };
  }

  /** A path relative to the working directory when it is below it, as editors like it. */
  static String path(String file) {
    if (file == null) {
      return "?";
    }
    try {
      Path p = Path.of(file).toAbsolutePath().normalize();
      Path here = Path.of("").toAbsolutePath();
      return p.startsWith(here) ? here.relativize(p).toString() : file;
    } catch (RuntimeException e) {
      return file;
    }
  }
}
