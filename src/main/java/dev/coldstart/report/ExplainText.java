package dev.coldstart.report;

import dev.coldstart.explain.Explanation;
import dev.coldstart.explain.ImportLog;
import dev.coldstart.profile.Profile;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The view of {@code coldstart explain}: ranked opportunities, the modules that retain most time,
 * and the extension modules with the distribution and wheel they came from; text or JSON. Reads
 * the explained profile (retained times and opportunities already in it) and the explanation (the
 * extension modules).
 */
public final class ExplainText {
  private static final ObjectMapper JSON =
      JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

  private ExplainText() {}

  public static String text(Profile p, Explanation e, int top) {
    StringBuilder sb = new StringBuilder();
    sb.append("coldstart explain: ").append(p.target()).append('\n');
    if (p.python() != null) {
      sb.append("python:  ")
          .append(p.python().implementation())
          .append(' ')
          .append(p.python().version())
          .append(" (")
          .append(p.python().executable())
          .append(")\n");
    }
    sb.append("runs:    ").append(p.runs()).append(" measured");
    if (p.importMs() != null) {
      sb.append(
          String.format(
              Locale.ROOT,
              "; import time %s ms [%s, %s], %d modules loaded",
              ProfileText.ms(p.importMs().median()),
              ProfileText.ms(p.importMs().low()),
              ProfileText.ms(p.importMs().high()),
              Math.round(p.moduleCount())));
    }
    sb.append("\n\n");
    String ops = OpportunityLines.render(p.opportunities(), top, 8);
    sb.append(ops.isEmpty() ? "No import can be deferred to save time.\n" : ops);
    String bodies = BodyLinesText.render(p.bodies());
    if (!bodies.isEmpty()) {
      sb.append('\n').append(bodies);
    }
    String lazy = LazyLines.render(p.lazyImports(), top);
    if (!lazy.isEmpty()) {
      sb.append('\n').append(lazy);
    }
    List<Profile.ModuleStat> retained = retainedTop(p, top);
    if (!retained.isEmpty()) {
      sb.append(
          "\nRetained time (what not loading the module at all saves; median ms [95% CI])\n");
      for (Profile.ModuleStat m : retained) {
        Profile.Interval r = m.retainedMs();
        sb.append(
            String.format(
                Locale.ROOT,
                "  %9s [%s, %s]  %s  (self %s, cumulative %s)%n",
                ProfileText.ms(r.median()),
                ProfileText.ms(r.low()),
                ProfileText.ms(r.high()),
                m.name(),
                ProfileText.ms(m.selfMs().median()),
                ProfileText.ms(m.cumulativeMs().median())));
      }
    }
    List<Map<String, Object>> ext = extensions(p, e);
    if (!ext.isEmpty()) {
      sb.append("\nExtension modules loaded (compiled code: the wheel must match the platform)\n");
      List<String> own = new ArrayList<>();
      for (Map<String, Object> x : ext) {
        Profile.Distribution d = (Profile.Distribution) x.get("distribution");
        if (d == null) {
          own.add((String) x.get("module"));
          continue;
        }
        sb.append("  ").append(x.get("module")).append("  ");
        {
          sb.append(d.name())
              .append(' ')
              .append(d.version())
              .append(", ")
              .append(
                  d.tags().isEmpty()
                      ? "no wheel tags (built from source here)"
                      : String.join(" ", d.tags()))
              .append(d.platformSpecific() ? "  [platform-specific]" : "");
        }
        sb.append('\n');
      }
      if (!own.isEmpty()) {
        sb.append("  ")
            .append(own.size())
            .append(" more that no installed distribution lists (the interpreter's own): ")
            .append(String.join(", ", own.subList(0, Math.min(10, own.size()))))
            .append(own.size() > 10 ? ", ..." : "")
            .append('\n');
      }
    }
    if (!p.notes().isEmpty()) {
      sb.append("\nNotes\n");
      p.notes().forEach(n -> sb.append("  - ").append(n).append('\n'));
    }
    sb.append("\nWhat a predicted saving is of, and what it cannot see (docs/explain.md):\n");
    SAVING_CAVEATS.forEach(c -> sb.append("  - ").append(c).append('\n'));
    return sb.toString();
  }

  /**
   * What a predicted saving is of and what the model leaves out, each measured (docs/benchmarks.md,
   * "Predicted vs measured savings"; docs/explain.md says how).
   */
  static final List<String> SAVING_CAVEATS =
      List.of(
          "Savings are of import time (the summed -X importtime rows), not of the whole process's"
              + " wall time: the freed modules' clean-up at exit is in no row, so wall time can save"
              + " a little more.",
          "Milliseconds hold at the load of these runs; on a busy machine a later measurement"
              + " scales with its load. The share of import time carries over: compare shares.",
          "A fix adds code of its own (a lazy __init__'s table and __getattr__), compiled each run"
              + " when there is no .pyc: about 0.1-0.2 ms, not counted.");

  public static String json(Profile p, Explanation e, int top) {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("target", p.target());
    root.put("python", p.python());
    root.put("runs", p.runs());
    root.put("importMs", p.importMs());
    root.put("moduleCount", p.moduleCount());
    root.put("savingOf", "import-time");
    root.put("savingCaveats", SAVING_CAVEATS);
    root.put("opportunities", p.opportunities() == null ? List.of() : p.opportunities());
    root.put("bodies", p.bodies() == null ? List.of() : p.bodies());
    root.put("lazyImports", p.lazyImports() == null ? List.of() : p.lazyImports());
    List<Object> retained = new ArrayList<>();
    for (Profile.ModuleStat m : retainedTop(p, top)) {
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("module", m.name());
      r.put("retainedMs", m.retainedMs());
      r.put("selfMs", m.selfMs());
      r.put("cumulativeMs", m.cumulativeMs());
      retained.add(r);
    }
    root.put("retained", retained);
    root.put("extensions", extensions(p, e));
    root.put("notes", p.notes());
    return JSON.writeValueAsString(root) + "\n";
  }

  /** The modules that retain most, without the program itself and start-up modules. */
  private static List<Profile.ModuleStat> retainedTop(Profile p, int top) {
    return p.modules().stream()
        .filter(m -> m.retainedMs() != null && !m.bare() && !m.name().equals("__main__"))
        .sorted(
            Comparator.comparingDouble((Profile.ModuleStat m) -> -m.retainedMs().median())
                .thenComparing(Profile.ModuleStat::name))
        .limit(top)
        .toList();
  }

  private static List<Map<String, Object>> extensions(Profile p, Explanation e) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (ImportLog.LoadedModule m : e.extensions()) {
      Map<String, Object> x = new LinkedHashMap<>();
      x.put("module", m.name());
      x.put("file", m.file());
      x.put("distribution", e.distributions().get(m.name()));
      out.add(x);
    }
    return out;
  }
}
