package dev.coldstart.rules;

import dev.coldstart.gate.CheckConfig;
import dev.coldstart.gate.ModulePattern;
import dev.coldstart.layout.SearchPath;
import dev.coldstart.source.NameUses;
import dev.coldstart.source.SourceTree;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The lint use case: walk the roots, scan each Python file once, compute what the rules need
 * across files (module names, static reach of the configured entries), run the selected rules, drop
 * findings suppressed by a {@code # coldstart: ignore[CODE]} comment on their line, and rank what is
 * left by the estimated cost of each statement ({@link StatementCosts}, {@link LintReport#rank}).
 */
public final class Linter {
  /** Every rule, in code order. */
  static final List<Rule> ALL =
      List.of(
          new EagerReexportRule(), new HeavyInitImportRule(), new AnnotationOnlyImportRule(),
          new FunctionOnlyImportRule(), new ForbiddenImportRule(), new PthCodeRule(), new MissingBytecodeRule(),
          new LazyImportUsedAtImportRule(), new UnmatchedLazyModuleRule());

  private static final Pattern SUPPRESS = Pattern.compile("coldstart:\\s*ignore(?:\\[([A-Za-z0-9,\\s]*)\\])?");

  private Linter() {}

  /** The documentation of every rule. */
  public static List<RuleInfo> rules() {
    return ALL.stream().map(Rule::info).toList();
  }

  /**
   * Lints the roots with the configuration's rule selection, heavy modules and entries; costs are
   * estimated over the linted trees alone.
   */
  public static LintReport run(List<String> roots, CheckConfig config, List<String> select, List<String> ignore) {
    return run(roots, config, select, ignore, null, null);
  }

  /**
   * Lints the roots, then ranks the findings ({@link LintReport#rank}) by the cost of their
   * statements, estimated over the linted trees and then {@code searchPath} (an interpreter's
   * sys.path; null for none). {@code targetVersion} is the oldest Python the project supports
   * ("3.15"), or null when unknown; 3.15+ makes the rules suggest PEP 810 {@code lazy} imports and
   * treat imports listed in {@code __lazy_modules__} as lazy.
   */
  public static LintReport run(
      List<String> roots, CheckConfig config, List<String> select, List<String> ignore, String targetVersion,
      SearchPath searchPath) {
    List<Rule> rules = ALL.stream().filter(r -> selected(r.info().code(), select, ignore)).toList();
    List<PythonFile> files = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    Map<String, String> texts = new LinkedHashMap<>();
    for (SourceTree.SourceFile sf : SourceTree.walk(roots)) {
      byte[] bytes;
      try {
        bytes = Files.readAllBytes(sf.location());
      } catch (IOException e) {
        notes.add("cannot read " + sf.path() + ": " + e.getMessage());
        continue;
      }
      String text = new String(bytes, StandardCharsets.UTF_8);
      texts.put(sf.path(), text);
      var facts = dev.coldstart.source.SourceScanner.scan(bytes);
      for (var d : facts.diagnostics()) {
        // The scanner keeps going past bad syntax; say so, since findings there may be incomplete.
        notes.add(sf.path() + ":" + d.line() + ": " + d.message() + " (findings in this file may be incomplete)");
      }
      files.add(new PythonFile(
          sf.path(), moduleName(sf.location()), sf.location().getFileName().toString().equals("__init__.py"),
          facts, NameUses.scan(text)));
    }
    Map<String, PythonFile> byModule = new LinkedHashMap<>();
    files.forEach(f -> byModule.putIfAbsent(f.module(), f));
    List<ModulePattern> heavy = new ArrayList<>(config.heavyModules());
    LintContext context = new LintContext(heavy, StaticReach.of(config.entries(), byModule), Set.copyOf(byModule.keySet()), targetVersion);
    List<Finding> found = new ArrayList<>();
    for (PythonFile f : files) {
      for (Rule r : rules) {
        if (r instanceof Rule.SourceRule sr) {
          found.addAll(sr.check(f, context));
        }
      }
    }
    for (String root : roots) {
      Tree tree = new Tree(root, Path.of(root));
      for (Rule r : rules) {
        if (r instanceof Rule.TreeRule tr) {
          found.addAll(tr.check(tree, context));
        }
      }
    }
    List<Finding> kept = new ArrayList<>();
    Map<String, List<String>> lineCache = new LinkedHashMap<>();
    int suppressed = 0;
    Set<String> seen = new HashSet<>();
    for (Finding f : found) {
      if (!seen.add(f.code() + "\0" + f.file() + "\0" + f.line() + "\0" + f.message())) {
        continue; // a file under two roots
      }
      if (suppressedBy(comment(f, files, texts, lineCache), f.code())) {
        suppressed++;
      } else {
        kept.add(f);
      }
    }
    Map<String, PythonFile> byPath = new HashMap<>();
    files.forEach(f -> byPath.putIfAbsent(f.path(), f));
    boolean statements = kept.stream().anyMatch(f -> byPath.containsKey(f.file()));
    StatementCosts costs =
        statements ? StatementCosts.of(roots, files, searchPath, Runtime.getRuntime().availableProcessors()) : null;
    return LintReport.rank(
        kept,
        (file, line) -> costs == null ? null : costs.modules(file, line),
        rules.stream().map(Rule::info).toList(), files.size(), suppressed, notes);
  }

  static boolean selected(String code, List<String> select, List<String> ignore) {
    boolean in = select.isEmpty() || select.stream().anyMatch(code::startsWith);
    return in && ignore.stream().noneMatch(code::startsWith);
  }

  /** Whether a comment suppresses a code: {@code coldstart: ignore} (all) or {@code ignore[CS101, CS103]}. */
  static boolean suppressedBy(String comment, String code) {
    if (comment == null) {
      return false;
    }
    Matcher m = SUPPRESS.matcher(comment);
    while (m.find()) {
      if (m.group(1) == null) {
        return true;
      }
      for (String c : m.group(1).split("[,\\s]+")) {
        if (c.equalsIgnoreCase(code)) {
          return true;
        }
      }
    }
    return false;
  }

  /** The comment on a finding's line: from the tokenizer for Python, after '#' for other files. */
  private static String comment(Finding f, List<PythonFile> files, Map<String, String> texts, Map<String, List<String>> cache) {
    if (texts.containsKey(f.file())) {
      for (PythonFile pf : files) {
        if (pf.path().equals(f.file())) {
          return pf.uses().comments().get(f.line());
        }
      }
    }
    List<String> lines = cache.computeIfAbsent(f.file(), p -> {
      try {
        return Files.isRegularFile(Path.of(p)) ? Files.readAllLines(Path.of(p), StandardCharsets.UTF_8) : List.of();
      } catch (IOException | RuntimeException e) {
        return List.of();
      }
    });
    if (f.line() > lines.size()) {
      return null;
    }
    String l = lines.get(f.line() - 1);
    int hash = l.indexOf('#');
    return hash < 0 ? null : l.substring(hash + 1);
  }

  /** The dotted name of a file: its stem, prefixed by every enclosing directory with an __init__.py. */
  static String moduleName(Path file) {
    Path abs = file.toAbsolutePath().normalize();
    String stem = abs.getFileName().toString().replaceFirst("\\.pyw?$", "");
    List<String> parts = new ArrayList<>();
    if (!stem.equals("__init__")) {
      parts.add(stem);
    }
    for (Path dir = abs.getParent(); dir != null && Files.isRegularFile(dir.resolve("__init__.py")); dir = dir.getParent()) {
      parts.add(0, dir.getFileName().toString());
    }
    return parts.isEmpty() ? stem : String.join(".", parts);
  }
}
