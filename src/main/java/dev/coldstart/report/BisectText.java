package dev.coldstart.report;

import dev.coldstart.explain.ImportChain;
import dev.coldstart.explain.ImportEdge;
import dev.coldstart.gate.BisectReport;
import dev.coldstart.gate.BisectReport.AddedModule;
import dev.coldstart.gate.BisectReport.Commit;
import dev.coldstart.gate.BisectReport.Outcome;
import dev.coldstart.gate.BisectReport.Step;
import dev.coldstart.stats.Shift;
import java.util.Locale;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code coldstart bisect} as text and as JSON (schema {@value #SCHEMA}; docs/history.md#bisect). */
public final class BisectText {
  public static final String SCHEMA = "coldstart.bisect/1";
  private static final ObjectMapper MAPPER = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

  private BisectText() {}

  /** The verdict line: what was found, in one line (also printed to stderr with -o). */
  public static String headline(BisectReport r) {
    return switch (r.outcome()) {
      case FOUND -> (r.forbid() == null ? "first slower commit: " : "first commit that loads " + r.forbid() + ": ")
          + r.culprit().shortHash() + " " + r.culprit().subject();
      case NONE -> r.forbid() == null
          ? "no regression between GOOD and BAD"
              + (r.shiftVsGood() == null ? "" : ": BAD vs GOOD " + shift(r.shiftVsGood()) + ", threshold " + ms(r.thresholdMs()))
          : "nothing to find for " + r.forbid();
      case AMBIGUOUS -> "the first " + (r.forbid() == null ? "slower" : "loading") + " commit is one of "
          + r.candidates().size() + " (the target fails at the others)";
      case INTERRUPTED -> "interrupted after " + r.steps().size() + " steps";
    };
  }

  public static String text(BisectReport r) {
    StringBuilder sb = new StringBuilder();
    sb.append("bisect ").append(r.target()).append(" with ").append(r.python()).append('\n');
    sb.append("  GOOD ").append(r.good()).append(" (").append(r.goodCommit(), 0, 10).append(")  BAD ").append(r.bad())
        .append(" (").append(r.badCommit(), 0, 10).append("): ").append(r.commits()).append(" commits on the first-parent line\n");
    sb.append("  ").append(r.forbid() == null
        ? "compares " + r.quantity().word() + " against GOOD, interleaved; threshold "
            + (Double.isNaN(r.thresholdMs()) ? "(not reached)" : ms(r.thresholdMs()))
        : "one recording run per commit: does it load " + r.forbid() + "?").append("\n\n");
    sb.append(headline(r)).append('\n');
    if (r.outcome() == Outcome.FOUND) {
      if (r.culprit().merge()) {
        sb.append("  (a merge commit)\n");
      }
      if (r.shiftVsGood() != null) {
        sb.append("  vs GOOD: ").append(shift(r.shiftVsGood())).append('\n');
      }
      if (r.chain() != null) {
        sb.append("  chain:\n");
        ChainText.lines(r.chain()).forEach(l -> sb.append("    ").append(l).append('\n'));
      }
      if (!r.added().isEmpty()) {
        sb.append("  modules it added (").append(r.added().size()).append("):\n");
        for (AddedModule a : r.added()) {
          sb.append("    ").append(a.module());
          if (a.submodules() > 0) {
            sb.append(" (+").append(a.submodules()).append(" submodules)");
          }
          sb.append('\n');
          ChainText.lines(a.chain()).forEach(l -> sb.append("      ").append(l).append('\n'));
        }
      } else if (r.forbid() == null) {
        sb.append("  modules it added: none (the slowdown is in code that already ran)\n");
      }
    }
    if (r.outcome() == Outcome.AMBIGUOUS) {
      for (Commit c : r.candidates()) {
        sb.append("  ").append(c.shortHash()).append(' ').append(c.subject()).append('\n');
      }
    }
    sb.append("\nsteps:\n");
    for (Step s : r.steps()) {
      sb.append(String.format(Locale.ROOT, "  %2d  %s  %3d/%d  %-10s", s.number(), s.commit().shortHash(), s.position(),
          r.commits(), s.verdict().word() + (s.clear() ? "" : "?")));
      if (s.shift() != null) {
        sb.append("  ").append(shift(s.shift()));
      }
      if (s.verdict() != BisectReport.Verdict.SKIP) {
        sb.append(String.format(Locale.ROOT, "  %d %s, %.1f s", s.runs(),
            r.forbid() != null ? (s.runs() == 1 ? "run" : "runs")
                : s.verdict() == BisectReport.Verdict.BAD || s.verdict() == BisectReport.Verdict.GOOD ? "rounds" : "pairs",
            s.seconds()));
      }
      String note = s.store() == BisectReport.StoreUse.HINT
          ? "store hint" + (s.note() == null ? "" : "; " + s.note())
          : s.note();
      if (note != null) {
        sb.append("  (").append(note).append(')');
      }
      sb.append("  ").append(s.commit().subject()).append('\n');
    }
    if (r.steps().stream().anyMatch(s -> !s.clear())) {
      sb.append("  ? = the cap of runs was reached before the interval decided; the estimate decided\n");
    }
    if (!r.notes().isEmpty()) {
      sb.append("\nnotes:\n");
      r.notes().forEach(n -> sb.append("  - ").append(n).append('\n'));
    }
    return sb.toString();
  }

  public static String json(BisectReport r) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("schema", SCHEMA);
    root.put("target", r.target());
    root.put("python", r.python());
    root.put("good", r.good());
    root.put("good_commit", r.goodCommit());
    root.put("bad", r.bad());
    root.put("bad_commit", r.badCommit());
    root.put("commits", r.commits());
    if (r.quantity() == null) {
      root.putNull("quantity");
    } else {
      root.put("quantity", r.quantity().name().toLowerCase(Locale.ROOT));
    }
    number(root, "threshold_ms", r.thresholdMs());
    root.put("forbid", r.forbid());
    root.put("outcome", r.outcome().word());
    root.put("summary", headline(r));
    if (r.culprit() == null) {
      root.putNull("culprit");
    } else {
      commit(root.putObject("culprit"), r.culprit());
    }
    shift(root, "shift_vs_good", r.shiftVsGood());
    ArrayNode cands = root.putArray("candidates");
    r.candidates().forEach(c -> commit(cands.addObject(), c));
    ArrayNode added = root.putArray("added_modules");
    for (AddedModule a : r.added()) {
      ObjectNode o = added.addObject();
      o.put("module", a.module());
      o.put("submodules", a.submodules());
      chain(o, a.chain());
    }
    if (r.chain() == null) {
      root.putNull("chain");
    } else {
      chain(root, r.chain());
    }
    ArrayNode steps = root.putArray("steps");
    for (Step s : r.steps()) {
      ObjectNode o = steps.addObject();
      o.put("step", s.number());
      commit(o.putObject("commit"), s.commit());
      o.put("position", s.position());
      o.put("verdict", s.verdict().word());
      o.put("clear", s.clear());
      shift(o, "shift_vs_good", s.shift());
      o.put("runs", s.runs());
      o.put("seconds", Math.round(s.seconds() * 1000) / 1000.0);
      o.put("note", s.note());
      o.put("store", s.store().word());
      times(o, s.times());
    }
    ArrayNode notes = root.putArray("notes");
    r.notes().forEach(notes::add);
    return MAPPER.writeValueAsString(root) + "\n";
  }

  private static void times(ObjectNode o, BisectReport.RoundTimes t) {
    if (t == null) {
      o.putNull("rounds");
      return;
    }
    ObjectNode r = o.putObject("rounds");
    ArrayNode sides = r.putArray("sides");
    t.sides().forEach(sides::add);
    rows(r.putArray("ms"), t.ms());
    ArrayNode left = r.putArray("left_out");
    t.leftOut().forEach(left::add);
    rows(r.putArray("measured_again"), t.measuredAgain());
  }

  /** Rounds of times, to the µs (finer than any verdict needs). */
  private static void rows(ArrayNode into, double[][] rows) {
    for (double[] row : rows) {
      ArrayNode a = into.addArray();
      for (double v : row) {
        a.add(Math.round(v * 1000) / 1000.0);
      }
    }
  }

  private static void commit(ObjectNode o, Commit c) {
    o.put("hash", c.hash());
    o.put("subject", c.subject());
    o.put("merge", c.merge());
  }

  private static void chain(ObjectNode o, ImportChain chain) {
    ArrayNode hops = o.putArray("chain");
    if (chain == null) {
      return;
    }
    for (ImportEdge e : chain.hops()) {
      ObjectNode h = hops.addObject();
      h.put("importer", e.importer());
      h.put("module", e.module());
      if (e.site() == null) {
        h.putNull("file");
        h.putNull("line");
        h.putNull("statement");
      } else {
        h.put("file", e.site().file());
        h.put("line", e.site().line());
        h.put("statement", e.site().statement());
      }
      h.put("how", e.how().name().toLowerCase(Locale.ROOT));
    }
  }

  private static void shift(ObjectNode o, String key, Shift s) {
    if (s == null) {
      o.putNull(key);
      return;
    }
    ObjectNode n = o.putObject(key);
    n.put("estimate_ms", round(s.estimate()));
    n.put("low_ms", round(s.low()));
    n.put("high_ms", round(s.high()));
    n.put("coverage", round(s.coverage()));
    number(n, "p_value", s.pValue());
    n.put("pairs", s.n());
  }

  private static void number(ObjectNode o, String key, double v) {
    if (Double.isFinite(v)) {
      o.put(key, round(v));
    } else {
      o.putNull(key);
    }
  }

  private static double round(double v) {
    return Math.round(v * 10_000) / 10_000.0;
  }

  private static String shift(Shift s) {
    return String.format(Locale.ROOT, "%+.2f ms [%+.2f, %+.2f] (%.1f%% interval, p=%.3g)", s.estimate(), s.low(), s.high(),
        100 * s.coverage(), s.pValue());
  }

  private static String ms(double v) {
    return String.format(Locale.ROOT, "%.2f ms", v);
  }
}
