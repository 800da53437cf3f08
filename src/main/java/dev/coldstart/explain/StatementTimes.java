package dev.coldstart.explain;

import dev.coldstart.profile.Profile;
import dev.coldstart.profile.ImportTimeLog;
import dev.coldstart.python.Interpreter;
import dev.coldstart.python.ProcessResult;
import dev.coldstart.python.PythonProcess;
import dev.coldstart.python.RunHook;
import dev.coldstart.python.Target;
import dev.coldstart.source.ModuleStatements;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Which top-level statements of the heaviest module bodies take their time: one extra run of the
 * target with time_statements.py as its {@code sitecustomize}, which times every line event of the
 * chosen bodies (sys.monitoring on 3.12+, a settrace scoped to those loads before) and the calls
 * made below them (every Python function start and end while such a body loads). The timed runs of the profile stay untraced.
 *
 * <p>The traced run is slower (tracing, sampling); so a statement's time is shown as its share of
 * the body's own traced time (imports it made excluded: the import graph has those), applied to the
 * body's untraced median self time, next to the traced figures.
 */
public final class StatementTimes {
  static final String SCRIPT = "/dev/coldstart/python/time_statements.py";
  /** Statements shown per body; the rest are counted. */
  static final int SHOWN = 8;
  /** A statement below this share of its body's own time is counted, not shown. */
  static final double MIN_SHARE = 0.02;

  /**
   * What to trace.
   *
   * @param named modules the user asked for (--lines), traced whatever their cost
   * @param top how many of the heaviest other bodies to trace
   * @param minMs a body's median self time must reach this to be among the heaviest
   */
  public record Choice(List<String> named, int top, double minMs) {}

  /** The outcome: the bodies traced, and a note (what was traced, how much it inflated). */
  public record Result(List<Profile.BodyLines> bodies, String note) {}

  private StatementTimes() {}

  /**
   * The bodies to trace: the named ones, then the heaviest by median self time among modules
   * loaded from a Python source file outside the interpreter's standard library (which nobody
   * reading this can change) and not loaded by the bare interpreter.
   */
  public static List<String> choose(Profile p, Interpreter py, Choice c) {
    List<String> out = new ArrayList<>(c.named());
    String stdlib = py.basePrefix() + "/lib/python" + py.major() + "." + py.minor() + "/";
    p.modules().stream()
        .filter(m -> m.file() != null && m.file().endsWith(".py") && !m.bare() && !m.failed())
        .filter(m -> !(m.file().startsWith(stdlib) && !m.file().contains("-packages/")))
        .filter(m -> m.selfMs().median() >= c.minMs() && !out.contains(m.name()))
        .sorted(Comparator.comparingDouble((Profile.ModuleStat m) -> m.selfMs().median()).reversed())
        .limit(Math.max(0, c.top()))
        .forEach(m -> out.add(m.name()));
    return out;
  }

  /** Runs the target once traced at the lines of {@code modules} and joins that with {@code p}. */
  public static Result measure(
      Profile p,
      Interpreter py,
      Target target,
      List<String> modules,
      Duration timeout,
      Map<String, String> env,
      Path directory,
      RunHook hook) {
    if (modules.isEmpty()) {
      return new Result(List.of(), null);
    }
    Path dir = null;
    try {
      dir = Recording.privateDirectory();
      Path site = dir.resolve("site");
      Files.createDirectory(site);
      try (InputStream in = StatementTimes.class.getResourceAsStream(SCRIPT)) {
        Files.write(site.resolve("sitecustomize.py"), in.readAllBytes());
      }
      Path out = dir.resolve("lines.jsonl");
      List<String> argv = new ArrayList<>(List.of("-X", "importtime"));
      argv.addAll(target.pythonArgs());
      String pythonPath = env.getOrDefault("PYTHONPATH", System.getenv("PYTHONPATH"));
      PythonProcess proc =
          PythonProcess.builder(py.executable(), argv)
              .discardStdout()
              .keepStderr(line -> line.startsWith("import time:"))
              .timeout(timeout)
              .hook(hook);
      env.forEach(proc::env);
      proc.env("PYTHONPATH", site + (pythonPath == null || pythonPath.isEmpty() ? "" : ":" + pythonPath));
      proc.env("COLDSTART_LINES_OUT", out.toString());
      proc.env("COLDSTART_LINES_MODULES", String.join(",", modules));
      if (directory != null) {
        proc.directory(directory);
      }
      ProcessResult r = proc.run();
      if (!Files.exists(out)) {
        return new Result(List.of(), "statement times: the traced run recorded nothing (exit " + r.exitCode() + ")");
      }
      ImportTimeLog traced = ImportTimeLog.parse(String.join("\n", r.stderr()));
      List<Profile.BodyLines> bodies = join(p, Files.readAllLines(out), traced);
      double tracedWall = r.wallNanos() / 1e6;
      List<String> seen = bodies.stream().map(Profile.BodyLines::module).toList();
      List<String> unseen = modules.stream().filter(m -> !seen.contains(m)).toList();
      String note =
          seen.isEmpty()
              ? "statement times: no chosen module body ran in the traced run"
              : String.format(
                  java.util.Locale.ROOT,
                  "statement times come from one extra run traced at the lines of %d module bod%s (%s); that run"
                      + " took %.0f ms against a median of %.0f ms untraced, so they are shown as shares of each"
                      + " body's own time applied to its untraced self time",
                  seen.size(), seen.size() == 1 ? "y" : "ies", String.join(", ", seen), tracedWall,
                  p.wallMs() == null ? Double.NaN : p.wallMs().median());
      if (!unseen.isEmpty()) {
        note += "; not seen in the traced run: " + String.join(", ", unseen)
            + " (loaded before the tracer starts, e.g. by a .pth file, or not from a source file)";
      }
      return new Result(bodies, r.exitCode() != 0 ? note + "; the traced run exited " + r.exitCode() : note);
    } catch (IOException e) {
      return new Result(List.of(), "statement times: " + e.getMessage());
    } finally {
      Recording.deleteQuietly(dir);
    }
  }

  /** A statement must be predicted to save at least this much to be an opportunity. */
  static final double MIN_SAVING_MS = 1.0;

  /**
   * {@code p} with the statement times of {@code r} and, among its opportunities, the expensive
   * module-level statements (ranked with the others by predicted saving). A statement that binds
   * {@code NAME = call(...)} with NAME not used again at module level can be computed on first
   * access (fix kind {@code compute-on-first-access}); any other expensive statement belongs in the
   * function that needs its effect ({@code move-into-function}). Imports, definitions and blocks
   * that hold them are left to the import graph.
   */
  public static Profile addTo(Profile p, Result r) {
    if (r.bodies().isEmpty()) {
      return r.note() == null ? p : p.withBodies(null, p.opportunities(), notesWith(p, r.note()));
    }
    List<Profile.Opportunity> ops = new ArrayList<>(p.opportunities() == null ? List.of() : p.opportunities());
    for (Profile.BodyLines b : r.bodies()) {
      Profile.ModuleStat stat = p.modules().stream().filter(m -> m.name().equals(b.module())).findFirst().orElse(null);
      String source = read(b.file());
      // Where the body's names are used; null when the file cannot be read (then no promise).
      List<dev.coldstart.source.NameUses.Use> uses =
          source == null ? null : dev.coldstart.source.NameUses.scan(source).uses();
      for (Profile.StatementCost c : b.statements()) {
        if (stat == null || !(c.estimatedMs() >= MIN_SAVING_MS) || !movable(c.text())) {
          continue;
        }
        double share = c.share();
        Profile.Interval saving =
            new Profile.Interval(
                share * stat.selfMs().median(), share * stat.selfMs().low(), share * stat.selfMs().high());
        String fix = c.assigned() != null && !usedLaterAtModuleLevel(uses, c.assigned(), c.endLine())
            ? "compute-on-first-access"
            : "move-into-function";
        ops.add(
            new Profile.Opportunity(
                "module-statement", b.module(), b.module(), b.file(), c.line(), c.text(), saving, null, List.of(),
                fix));
      }
    }
    ops.sort(Comparator.comparingDouble((Profile.Opportunity o) -> o.savingMs().median()).reversed());
    return p.withBodies(r.bodies(), ops, notesWith(p, r.note()));
  }

  /** Statements whose time is work of their own, not imports or definitions. */
  private static boolean movable(String text) {
    String first = text.split("[\\s(:]", 2)[0];
    return !List.of("import", "from", "def", "async", "class", "@", "try", "if", "with").contains(first)
        && !text.startsWith("@");
  }

  private static boolean usedLaterAtModuleLevel(List<dev.coldstart.source.NameUses.Use> uses, String name, int after) {
    if (uses == null) {
      return true; // unknown: do not promise the cheaper fix
    }
    return uses.stream().anyMatch(u -> u.name().equals(name) && !u.inFunction() && u.line() > after);
  }

  private static String read(String file) {
    try {
      return Files.readString(Path.of(file));
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  private static List<String> notesWith(Profile p, String note) {
    List<String> notes = new ArrayList<>(p.notes());
    if (note != null) {
      notes.add(note);
    }
    return notes;
  }


  /** Joins the traced run's records with the sources and the profile's untraced self times. */
  static List<Profile.BodyLines> join(Profile p, List<String> records, ImportTimeLog traced) {
    Map<String, Long> tracedSelfUs = new HashMap<>();
    for (ImportTimeLog.Node n : traced.rows()) {
      if (!n.cached()) {
        tracedSelfUs.merge(n.module(), n.selfUs(), Long::sum);
      }
    }
    Map<String, Profile.ModuleStat> stats = new HashMap<>();
    for (Profile.ModuleStat m : p.modules()) {
      stats.put(m.name(), m);
    }
    ObjectMapper json = new ObjectMapper();
    List<Profile.BodyLines> out = new ArrayList<>();
    for (String record : records) {
      if (record.isBlank()) {
        continue;
      }
      JsonNode r;
      try {
        r = json.readTree(record);
      } catch (RuntimeException e) {
        continue; // a record cut short by a killed run: the others still count
      }
      if (!"module".equals(r.path("type").asString())) {
        continue;
      }
      String module = r.path("name").asString();
      String file = r.path("file").asString();
      List<ModuleStatements.Statement> statements;
      try {
        statements = ModuleStatements.of(Files.readAllBytes(Path.of(file)));
      } catch (IOException | RuntimeException e) {
        statements = List.of();
      }
      Profile.ModuleStat stat = stats.get(module);
      double selfMs = stat == null ? Double.NaN : stat.selfMs().median();
      Long us = tracedSelfUs.get(module);
      out.add(body(module, file, selfMs, us == null ? Double.NaN : us / 1000.0, r, statements));
    }
    return out;
  }

  /** Per statement: own time (line times minus loads), import time, and sampled call paths. */
  static Profile.BodyLines body(
      String module,
      String file,
      double selfMs,
      double tracedSelfMs,
      JsonNode r,
      List<ModuleStatements.Statement> statements) {
    Map<Integer, double[]> perStatement = new LinkedHashMap<>(); // first line -> [own ns, import ns]
    Map<Integer, ModuleStatements.Statement> byLine = new HashMap<>();
    for (JsonNode l : r.path("lines")) {
      int line = l.get(0).asInt();
      long ns = l.get(1).asLong();
      long importNs = l.get(2).asLong();
      ModuleStatements.Statement s = ModuleStatements.at(statements, line);
      int key = s == null ? line : s.line();
      if (s != null) {
        byLine.put(key, s);
      }
      double[] t = perStatement.computeIfAbsent(key, k -> new double[2]);
      t[0] += Math.max(0, ns - importNs);
      t[1] += importNs;
    }
    double ownTotal = perStatement.values().stream().mapToDouble(t -> t[0]).sum();
    // Inclusive ns per call path below each statement: [statement line, frame, frame, ...].
    Map<List<Object>, Long> calls = new HashMap<>();
    for (JsonNode c : r.path("calls")) {
      ModuleStatements.Statement s = ModuleStatements.at(statements, c.path("line").asInt());
      List<Object> key = new ArrayList<>();
      key.add(s == null ? c.path("line").asInt() : s.line());
      for (JsonNode f : c.path("frames")) {
        key.add(new Profile.Frame(f.get(0).asString(), f.get(1).asString(), f.get(2).asInt()));
      }
      calls.merge(List.copyOf(key), c.path("ns").asLong(), Long::sum);
    }
    List<Profile.StatementCost> costs = new ArrayList<>();
    for (Map.Entry<Integer, double[]> e : perStatement.entrySet()) {
      int line = e.getKey();
      double[] t = e.getValue();
      double share = ownTotal > 0 ? t[0] / ownTotal : 0;
      ModuleStatements.Statement s = byLine.get(line);
      List<Profile.CallPath> paths = paths(calls, line, t[0] + t[1]);
      costs.add(
          new Profile.StatementCost(
              line,
              s == null ? line : s.endLine(),
              s == null ? "" : s.text(),
              share,
              Double.isNaN(selfMs) ? Double.NaN : share * selfMs,
              t[0] / 1e6,
              t[1] / 1e6,
              s != null && s.call() ? s.assigned() : null,
              paths));
    }
    costs.sort(Comparator.comparingDouble(Profile.StatementCost::share).reversed());
    List<Profile.StatementCost> shown = new ArrayList<>();
    for (Profile.StatementCost c : costs) {
      if (shown.size() < SHOWN && c.share() >= MIN_SHARE) {
        shown.add(c);
      }
    }
    return new Profile.BodyLines(module, file, selfMs, tracedSelfMs, shown, costs.size() - shown.size());
  }

  /**
   * The call paths that take a statement's time: its heaviest direct calls (at most 3, each at
   * least 5 % of {@code totalNs}), each followed down while one callee holds at least half of its
   * caller's time.
   */
  static List<Profile.CallPath> paths(Map<List<Object>, Long> calls, int line, double totalNs) {
    List<Profile.CallPath> out = new ArrayList<>();
    if (totalNs <= 0) {
      return out;
    }
    List<Map.Entry<List<Object>, Long>> first =
        calls.entrySet().stream()
            .filter(e -> e.getKey().size() == 2 && e.getKey().get(0).equals(line))
            .sorted(Map.Entry.<List<Object>, Long>comparingByValue().reversed())
            .limit(3)
            .toList();
    for (Map.Entry<List<Object>, Long> e : first) {
      double share = e.getValue() / totalNs;
      if (share < 0.05) {
        break;
      }
      List<Object> key = e.getKey();
      long ns = e.getValue();
      while (key.size() < 7) {
        List<Object> parent = key;
        Map.Entry<List<Object>, Long> child =
            calls.entrySet().stream()
                .filter(c -> c.getKey().size() == parent.size() + 1 && c.getKey().subList(0, parent.size()).equals(parent))
                .max(Map.Entry.comparingByValue())
                .orElse(null);
        if (child == null || child.getValue() < ns / 2) {
          break;
        }
        key = child.getKey();
        ns = child.getValue();
      }
      List<Profile.Frame> frames = new ArrayList<>();
      for (Object o : key.subList(1, key.size())) {
        frames.add((Profile.Frame) o);
      }
      out.add(new Profile.CallPath(Math.min(1, share), frames));
    }
    return out;
  }

}
