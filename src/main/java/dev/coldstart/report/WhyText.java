package dev.coldstart.report;

import dev.coldstart.explain.ImportChain;
import dev.coldstart.explain.ImportEdge;
import dev.coldstart.explain.ImportSite;
import dev.coldstart.explain.Why;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The answer of {@code coldstart why}: each chain as a list of hops, importer to module, with the
 * file, line and statement of the import (marked "(static)" when the source scanner supplied it),
 * in text or JSON.
 */
public final class WhyText {
  private static final ObjectMapper JSON =
      JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

  private WhyText() {}

  public static String text(Why why, String target) {
    StringBuilder sb = new StringBuilder();
    if (!why.loaded()) {
      sb.append(why.module()).append(" is not loaded by ").append(target).append('\n');
      for (ImportEdge e : why.failedImports()) {
        sb.append("  an import of it failed: ").append(e.importer()).append("  ");
        sb.append(e.site() == null ? "(no Python line)" : site(e.site())).append('\n');
      }
      return sb.toString();
    }
    sb.append(why.module())
        .append(" is loaded by ")
        .append(target)
        .append(": ")
        .append(why.chains().size())
        .append(why.chains().size() == 1 ? " chain" : " chains")
        .append(why.truncated() ? " shown, shortest first (more exist: --all)" : ", shortest first")
        .append('\n');
    int i = 0;
    for (ImportChain c : why.chains()) {
      sb.append('\n')
          .append("chain ")
          .append(++i)
          .append(" (")
          .append(c.hops().size())
          .append(" hops)")
          .append(c.loading() ? ": this chain loaded it" : ": reaches it after it was loaded")
          .append('\n');
      int width = 0;
      for (ImportEdge h : c.hops()) {
        width = Math.max(width, (h.importer() + " -> " + h.module()).length());
      }
      for (ImportEdge h : c.hops()) {
        sb.append(
            String.format(
                Locale.ROOT,
                "  %-" + width + "s  %s%n",
                h.importer() + " -> " + h.module(),
                hop(h) + why.lazyOf(h).map(WhyText::lazy).orElse("")));
      }
    }
    return sb.toString();
  }

  private static String hop(ImportEdge h) {
    String where =
        h.site() != null
            ? site(h.site())
            : switch (h.how()) {
              case MAIN -> "(the program)";
              case STARTUP -> "(interpreter start-up)";
              case LOAD -> "(imported from C code, no Python line)";
              case UNSEEN -> "(loaded, import not seen)";
              default -> "(no Python line)";
            };
    return h.alreadyLoaded() ? where + "  (already loaded)" : where;
  }

  /** A reification hop: "  (lazy at app.py:1; this use reified it, module level)". */
  private static String lazy(dev.coldstart.explain.LazyImport l) {
    String at =
        l.declared() == null
            ? "declared before the program ran"
            : "lazy at " + OpportunityLines.path(l.declared().file()) + ":" + l.declared().line();
    String in = l.reified().function() == null ? "module level" : "in " + l.reified().function() + "()";
    return "  (" + at + "; this use reified it, " + in + ")";
  }

  private static String site(ImportSite s) {
    String loc = OpportunityLines.path(s.file()) + ":" + s.line();
    return (s.statement() == null ? loc : loc + "  " + s.statement())
        + (s.fromStatic() ? "  (static)" : "");
  }

  public static String json(Why why, String target) {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("module", why.module());
    root.put("target", target);
    root.put("loaded", why.loaded());
    root.put("truncated", why.truncated());
    List<Object> chains = new ArrayList<>();
    for (ImportChain c : why.chains()) {
      Map<String, Object> chain = new LinkedHashMap<>();
      chain.put("loading", c.loading());
      chain.put("hops", c.hops().stream().map(h -> hopJson(h, why)).toList());
      chains.add(chain);
    }
    root.put("chains", chains);
    root.put("failedImports", why.failedImports().stream().map(h -> hopJson(h, why)).toList());
    return JSON.writeValueAsString(root) + "\n";
  }

  private static Map<String, Object> hopJson(ImportEdge h, Why why) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("importer", h.importer());
    m.put("module", h.module());
    m.put("how", h.how().name().toLowerCase(Locale.ROOT).replace('_', '-'));
    m.put("file", h.site() == null ? null : h.site().file());
    m.put("line", h.site() == null ? null : h.site().line());
    m.put("statement", h.site() == null ? null : h.site().statement());
    m.put("static", h.site() != null && h.site().fromStatic());
    m.put("alreadyLoaded", h.alreadyLoaded());
    why.lazyOf(h)
        .ifPresent(
            l -> {
              Map<String, Object> lazy = new LinkedHashMap<>();
              lazy.put("file", l.declared() == null ? null : l.declared().file());
              lazy.put("line", l.declared() == null ? null : l.declared().line());
              lazy.put("statement", l.declared() == null ? null : l.declared().statement());
              lazy.put("function", l.reified().function());
              m.put("lazy", lazy); // this hop reified a lazy import declared there (3.15+)
            });
    return m;
  }
}
