package dev.coldstart.audit;

import dev.coldstart.python.Interpreter;
import dev.coldstart.python.Target;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Some imports of a program deferred without editing its source, applicable to any Python process
 * through its environment alone ({@link #environment}): a generated {@code sitecustomize.py} first on
 * PYTHONPATH (it chains to the sitecustomize it hides) and variables naming the deferred imports.
 * The program's own tests, a server, a subprocess: whatever starts with that environment runs with
 * the deferral (docs/audit.md, "How a deferral is applied").
 *
 * <p>Two mechanisms, chosen by the interpreter: on Python 3.15 the language's own (PEP 810: the
 * global lazy mode with a lazy imports filter that keeps only these imports lazy), labelled
 * {@link Mode#NATIVE}; before, an import hook with PEP 562 semantics ({@link Mode#EMULATED}; the
 * hook's docstring in {@code defer_imports.py} says how it handles {@code from m import name}).
 *
 * <p>A deferral with no rules ({@link #none}) installs the same hook deferring nothing: the
 * unchanged side of an A/B comparison pays the hook's own (small) cost too.
 *
 * @param rules the imports deferred
 * @param mode how
 */
public record Deferral(List<Rule> rules, Mode mode) {
  /** The environment variable naming the rules, {@code IMPORTER:MODULE,...}. */
  public static final String RULES_VARIABLE = "COLDSTART_DEFER";

  /** The environment variable naming the mechanism: {@code native} or {@code emulated}. */
  public static final String MODE_VARIABLE = "COLDSTART_DEFER_MODE";

  /** The environment variable naming the file the hook appends its evidence to (JSON lines). */
  public static final String REPORT_VARIABLE = "COLDSTART_DEFER_REPORT";

  static final String RESOURCE = "/dev/coldstart/python/defer_imports.py";

  public Deferral {
    rules = List.copyOf(rules);
  }

  /**
   * Defer each import statement of {@code importer} that loads {@code module}.
   *
   * @param importer the importing module's name; {@code null} for every importer
   * @param module the module whose import is deferred
   */
  public record Rule(String importer, String module) {
    public Rule {
      if (!Target.isModuleName(module) || (importer != null && !Target.isModuleName(importer))) {
        throw new IllegalArgumentException("not a module name: " + (importer == null ? "" : importer + ":") + module);
      }
    }

    /** {@code IMPORTER:MODULE}, or {@code MODULE} for every importer: how users write it. */
    public String describe() {
      return importer == null ? module : importer + ":" + module;
    }

    String spec() {
      return (importer == null ? "*" : importer) + ":" + module;
    }
  }

  /** The mechanism that defers. */
  public enum Mode {
    /** PEP 810 lazy imports with a filter (Python 3.15+). */
    NATIVE,
    /** The import hook with PEP 562 semantics (Python 3.7 to 3.14). */
    EMULATED;

    /** How reports label it. */
    public String label() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The mechanism for this interpreter: native where PEP 810 exists. */
    public static Mode of(Interpreter py) {
      return py.atLeast(3, 15) ? NATIVE : EMULATED;
    }
  }

  /** The hook deferring nothing, for the unchanged side of a comparison. */
  public static Deferral none(Mode mode) {
    return new Deferral(List.of(), mode);
  }

  /**
   * Writes the hook as {@code sitecustomize.py} into {@code dir} (created if needed) and returns
   * {@code dir}, the directory {@link #environment} puts first on PYTHONPATH. One hook serves every
   * deferral: the rules travel in the environment.
   */
  public static Path writeHook(Path dir) {
    try (InputStream in = Deferral.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("resource missing from the jar: " + RESOURCE);
      }
      Files.createDirectories(dir);
      Files.write(dir.resolve("sitecustomize.py"), in.readAllBytes());
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The environment changes that apply this deferral to a Python process: PYTHONPATH with {@code
   * hookDir} (from {@link #writeHook}) first and the inherited PYTHONPATH after it, the rules, the
   * mode, and where the hook appends its evidence ({@code report}; none when null).
   */
  public Map<String, String> environment(Path hookDir, Path report) {
    Map<String, String> env = new LinkedHashMap<>();
    List<String> path = new ArrayList<>();
    path.add(hookDir.toAbsolutePath().toString());
    String existing = System.getenv("PYTHONPATH");
    if (existing != null && !existing.isEmpty()) {
      path.add(existing);
    }
    env.put("PYTHONPATH", String.join(File.pathSeparator, path));
    env.put(RULES_VARIABLE, String.join(",", rules.stream().map(Rule::spec).toList()));
    env.put(MODE_VARIABLE, mode.label());
    env.put(REPORT_VARIABLE, report == null ? "" : report.toAbsolutePath().toString());
    return env;
  }

  /** The rules as users write them, e.g. {@code fleet:fleet.server, json}. */
  public String describe() {
    return String.join(", ", rules.stream().map(Rule::describe).toList());
  }
}
