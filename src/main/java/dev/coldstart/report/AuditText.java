package dev.coldstart.report;

import dev.coldstart.audit.Auditor;
import dev.coldstart.audit.Evidence;
import dev.coldstart.audit.HookReport;
import dev.coldstart.audit.SideEffect;
import dev.coldstart.audit.TestComparison;
import dev.coldstart.audit.Verdict;
import dev.coldstart.explain.ModuleCost;
import dev.coldstart.stats.Shift;
import java.util.List;
import java.util.Locale;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** The audit's result as text (a table, then each verdict's evidence), JSON or Markdown. */
public final class AuditText {
  private AuditText() {}

  /** What the header needs besides the result. */
  public record Header(String target, String python, String rule, double profiledImportMs) {}

  public static String text(Header h, Auditor.Audit a) {
    StringBuilder sb = new StringBuilder();
    sb.append("coldstart audit: ").append(h.target()).append('\n');
    sb.append("python:  ").append(h.python()).append(" (deferral ").append(a.mode().label()).append(")\n");
    sb.append("rule:    ").append(h.rule()).append('\n');
    sb.append("saving:  CPU ms of the program, unchanged minus deferred; predicted: explain's, scaled to CPU by the")
        .append(" unchanged CPU median over the profiled import time of the target's own imports (").append(num(h.profiledImportMs())).append(" ms)\n\n");
    sb.append(String.format(Locale.ROOT, "  %-13s %-26s %-26s %s%n", "verdict", "measured ms [CI]", "predicted ms [CI]", "candidate"));
    for (Verdict v : a.verdicts()) {
      sb.append(String.format(Locale.ROOT, "  %-13s %-26s %-26s %s%n",
          v.kind().label(), measured(v), predicted(h, v), v.candidate().name()));
    }
    for (Verdict v : a.verdicts()) {
      sb.append('\n').append(v.kind().label()).append(": ").append(v.candidate().name()).append('\n');
      sb.append("  ").append(v.reason()).append('\n');
      sb.append("  defers: ").append(String.join(", ", v.candidate().deferral().stream().map(r -> r.describe()).toList()));
      if (v.candidate().site() != null) {
        sb.append(" (").append(v.candidate().site().location()).append(')');
      }
      sb.append('\n');
      boolean chainShown = false;
      for (Evidence e : v.evidence()) {
        if (e instanceof Evidence.LoadedAnyway l && (v.kind() != Verdict.Kind.NO_WIN || chainShown)) {
          // One line each; the whole chain only for the module that makes the verdict no-win.
          HookReport.Site by = l.chain().isEmpty() ? null : l.chain().getLast();
          sb.append("  loaded anyway: ").append(l.module())
              .append(by == null ? "" : " (by " + by.location() + (by.text().isEmpty() ? "" : ": " + by.text()) + ")")
              .append('\n');
          continue;
        }
        chainShown |= e instanceof Evidence.LoadedAnyway;
        evidence(sb, e);
      }
    }
    sb.append('\n').append(summary(a)).append('\n');
    return sb.toString();
  }

  private static void evidence(StringBuilder sb, Evidence e) {
    switch (e) {
      case Evidence.Timing t -> sb.append(String.format(Locale.ROOT,
          "  timing: %d interleaved pairs%s, unchanged median %s ms CPU, saving %s ms [%s, %s] (%.1f %% interval), p = %s%n",
          t.pairs(), t.stoppedEarly() ? " (stopped early)" : "", num(t.unchangedMs()), num(t.saving().estimate()),
          num(t.saving().low()), num(t.saving().high()), 100 * t.saving().coverage(), pValue(t.saving())));
      case Evidence.Behaviour b -> sb.append("  behaviour: ")
          .append(b.same() ? "same exit status, standard output and standard error" : b.difference()).append('\n');
      case Evidence.LoadedAnyway l -> {
        sb.append("  loaded anyway: ").append(l.module()).append('\n');
        for (HookReport.Site s : l.chain()) {
          sb.append("    -> ").append(s.location()).append(s.text().isEmpty() ? "" : ": " + s.text()).append('\n');
        }
      }
      case Evidence.UsedAtImport u -> sb.append("  used ").append(u.use().during() ? "during import" : "after import")
          .append(": ").append(u.use().name()).append(" at ").append(u.use().site().location())
          .append(u.use().site().text().isEmpty() ? "" : ": " + u.use().site().text()).append('\n');
      case Evidence.NotApplied n -> sb.append("  not applied: ").append(n.why()).append('\n');
      case Evidence.Tests t -> tests(sb, t);
      case Evidence.SideEffectsMove m -> {
        sb.append("  side effects that move: ").append(m.moved().isEmpty() ? "none" : m.moved().size())
            .append(m.stdlib() > 0 ? " (and " + m.stdlib() + " of the standard library's)" : "")
            .append(m.incomplete() == null ? "" : " (recording incomplete: " + m.incomplete() + ")").append('\n');
        for (SideEffect se : m.moved()) {
          sb.append("    ").append(se.kind().id()).append(": ").append(se.detail()).append(" at ").append(se.where())
              .append(se.via() == null ? "" : " (via " + se.via() + ")").append('\n');
        }
      }
    }
  }

  private static void tests(StringBuilder sb, Evidence.Tests t) {
    TestComparison c = t.comparison();
    sb.append("  tests (").append(t.command()).append(", ").append(c.runner().name().toLowerCase(Locale.ROOT).replace('_', ' '))
        .append("): ");
    if (c.inconclusive() != null) {
      sb.append("cannot tell: ").append(c.inconclusive());
    } else if (c.broken().isEmpty()) {
      sb.append("pass deferred wherever they pass unchanged");
    } else {
      sb.append(c.broken().size()).append(" pass unchanged and fail deferred");
    }
    if (!c.flaky().isEmpty()) {
      sb.append("; flaky (differed once, not when re-run): ").append(String.join(", ", c.flaky()));
    }
    if (!c.failingUnchanged().isEmpty()) {
      sb.append("; ").append(c.failingUnchanged().size()).append(" fail unchanged too");
    }
    sb.append('\n');
    for (TestComparison.BrokenTest b : c.broken()) {
      sb.append("    ").append(b.test()).append(b.message().isEmpty() ? "" : ": " + b.message()).append('\n');
    }
  }

  private static String summary(Auditor.Audit a) {
    StringBuilder sb = new StringBuilder();
    sb.append(a.verdicts().size()).append(" of ").append(a.candidates()).append(" candidates audited:");
    for (Verdict.Kind k : Verdict.Kind.values()) {
      long n = a.verdicts().stream().filter(v -> v.kind() == k).count();
      sb.append(' ').append(n).append(' ').append(k.label()).append(',');
    }
    sb.setLength(sb.length() - 1);
    if (a.stoppedBy() != null) {
      sb.append(" (stopped: ").append(a.stoppedBy()).append(')');
    }
    return sb.toString();
  }

  public static String markdown(Header h, Auditor.Audit a) {
    StringBuilder sb = new StringBuilder();
    sb.append("## coldstart audit: `").append(h.target()).append("`\n\n");
    sb.append(h.python()).append(", deferral ").append(a.mode().label()).append(". ").append(h.rule()).append("\n\n");
    sb.append("| verdict | measured ms [CI] | predicted ms [CI] | candidate | why |\n|---|---|---|---|---|\n");
    for (Verdict v : a.verdicts()) {
      sb.append("| ").append(v.kind().label()).append(" | ").append(measured(v)).append(" | ")
          .append(predicted(h, v)).append(" | `").append(v.candidate().name()).append("` | ")
          .append(v.reason().replace("|", "\\|")).append(" |\n");
    }
    for (Verdict v : a.verdicts()) {
      StringBuilder items = new StringBuilder();
      for (Evidence e : v.evidence()) {
        if (e instanceof Evidence.Tests t) {
          t.comparison().broken().forEach(b -> items.append("- breaks `").append(b.test()).append('`')
              .append(b.message().isEmpty() ? "" : ": " + b.message().replace("|", "\\|")).append('\n'));
        } else if (e instanceof Evidence.SideEffectsMove m) {
          m.moved().forEach(x -> items.append("- side effect `").append(x.kind().id()).append("`: ")
              .append(x.detail().replace("|", "\\|")).append(" at `").append(x.where()).append("`\n"));
        }
      }
      if (!items.isEmpty()) {
        sb.append("\n**").append(v.kind().label()).append(": `").append(v.candidate().name()).append("`**\n\n").append(items);
      }
    }
    sb.append('\n').append(summary(a)).append('\n');
    return sb.toString();
  }

  public static String json(Header h, Auditor.Audit a) {
    JsonMapper json = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
    ObjectNode root = json.createObjectNode();
    root.put("target", h.target());
    root.put("python", h.python());
    root.put("mode", a.mode().label());
    root.put("rule", h.rule());
    root.put("profiledImportMs", h.profiledImportMs());
    root.put("candidates", a.candidates());
    root.put("stoppedBy", a.stoppedBy());
    ArrayNode verdicts = root.putArray("verdicts");
    for (Verdict v : a.verdicts()) {
      ObjectNode o = verdicts.addObject();
      o.put("candidate", v.candidate().name());
      o.put("from", v.candidate().from());
      ArrayNode rules = o.putArray("defers");
      v.candidate().deferral().forEach(r -> rules.addObject().put("importer", r.importer()).put("module", r.module()));
      o.put("verdict", v.kind().label());
      o.put("reason", v.reason());
      ModuleCost p = v.candidate().predicted();
      if (p != null) {
        o.putObject("predictedWallMs").put("median", p.median() / 1000).put("low", p.low() / 1000).put("high", p.high() / 1000);
      } else {
        o.putNull("predictedWallMs");
      }
      ModuleCost c = Auditor.Audit.predictedCpuMs(v, h.profiledImportMs());
      if (c != null) {
        o.putObject("predictedCpuMs").put("median", c.median()).put("low", c.low()).put("high", c.high());
      } else {
        o.putNull("predictedCpuMs");
      }
      if (v.kind() == Verdict.Kind.INCONCLUSIVE) {
        o.put("moreRuns", v.moreRuns());
      }
      ArrayNode ev = o.putArray("evidence");
      for (Evidence e : v.evidence()) {
        ObjectNode x = ev.addObject();
        switch (e) {
          case Evidence.Timing t -> {
            x.put("kind", "timing").put("pairs", t.pairs()).put("unchangedMs", t.unchangedMs())
                .put("stoppedEarly", t.stoppedEarly());
            x.putObject("savingMs").put("estimate", t.saving().estimate()).put("low", t.saving().low())
                .put("high", t.saving().high()).put("coverage", t.saving().coverage()).put("p", t.saving().pValue());
          }
          case Evidence.Behaviour b -> x.put("kind", "behaviour").put("same", b.same()).put("difference", b.difference());
          case Evidence.LoadedAnyway l -> {
            x.put("kind", "loaded-anyway").put("module", l.module());
            ArrayNode chain = x.putArray("chain");
            l.chain().forEach(s -> site(chain.addObject(), s));
          }
          case Evidence.UsedAtImport u -> {
            x.put("kind", "used").put("name", u.use().name()).put("importer", u.use().importer())
                .put("module", u.use().module()).put("during", u.use().during());
            site(x.putObject("site"), u.use().site());
          }
          case Evidence.NotApplied n -> x.put("kind", "not-applied").put("why", n.why());
          case Evidence.Tests t -> {
            TestComparison tc = t.comparison();
            x.put("kind", "tests").put("command", t.command())
                .put("runner", tc.runner().name().toLowerCase(Locale.ROOT).replace('_', '-'))
                .put("inconclusive", tc.inconclusive());
            ArrayNode broken = x.putArray("broken");
            tc.broken().forEach(b -> broken.addObject().put("test", b.test()).put("message", b.message()));
            ArrayNode flaky = x.putArray("flaky");
            tc.flaky().forEach(flaky::add);
            ArrayNode failing = x.putArray("failingUnchanged");
            tc.failingUnchanged().forEach(failing::add);
          }
          case Evidence.SideEffectsMove m -> {
            x.put("kind", "side-effects").put("stdlib", m.stdlib()).put("incomplete", m.incomplete());
            ArrayNode moved = x.putArray("moved");
            m.moved().forEach(se -> moved.addObject().put("kind", se.kind().id()).put("detail", se.detail())
                .put("module", se.module()).put("file", se.file()).put("line", se.line()).put("via", se.via()));
          }
        }
      }
    }
    return json.writeValueAsString(root) + "\n";
  }

  private static void site(ObjectNode o, HookReport.Site s) {
    o.put("file", s.file()).put("line", s.line()).put("text", s.text()).put("module", s.module());
  }

  private static String measured(Verdict v) {
    return v.timing().map(t -> num(t.saving().estimate()) + " [" + num(t.saving().low()) + ", " + num(t.saving().high()) + "]")
        .orElse("-");
  }

  private static String predicted(Header h, Verdict v) {
    ModuleCost p = Auditor.Audit.predictedCpuMs(v, h.profiledImportMs());
    return p == null ? "-" : num(p.median()) + " [" + num(p.low()) + ", " + num(p.high()) + "]";
  }

  private static String pValue(Shift s) {
    return Double.isNaN(s.pValue()) ? "?" : s.pValue() < 0.0001 ? "<0.0001" : String.format(Locale.ROOT, "%.4f", s.pValue());
  }

  static String num(double v) {
    double a = Math.abs(v);
    return a >= 100 ? String.format(Locale.ROOT, "%.0f", v)
        : a >= 10 ? String.format(Locale.ROOT, "%.1f", v)
        : String.format(Locale.ROOT, "%.2f", v);
  }

}
