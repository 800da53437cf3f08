package dev.coldstart.audit;

import dev.coldstart.UserError;
import dev.coldstart.explain.ImportEdge;
import dev.coldstart.explain.Opportunities;
import dev.coldstart.explain.RetainedTime;
import dev.coldstart.explain.RuntimeImportGraph;
import dev.coldstart.explain.SelfTimes;
import dev.coldstart.python.Interpreter;
import dev.coldstart.python.ProcessResult;
import dev.coldstart.python.PythonProcess;
import dev.coldstart.python.Target;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * The import-time side effects of a target, per module, from one run of {@code side_effects.py}
 * on the unchanged target, and a second run that line-traces only the modules whose effects were
 * found by comparison (no line yet), to find their lines.
 *
 * <p>What moves when an import is deferred: the effects of the modules it alone loads ({@link
 * #moving}), which {@code explain}'s dominators give (an {@code Opportunity}'s freed modules).
 *
 * @param effects every effect, in the order they happened
 * @param complete whether the target ran to its end (returned, or exited with any status); when
 *     false (an uncaught exception, a timeout, a kill) the list holds the effects up to there
 * @param auditHooks whether the interpreter has audit hooks (3.8+); without them files, sockets,
 *     subprocesses and environment changes are not seen
 * @param problem why the record is incomplete or missing (the target's error), or null
 */
public record SideEffects(
    List<SideEffect> effects, boolean complete, boolean auditHooks, String problem) {
  static final String RESOURCE = "/dev/coldstart/python/side_effects.py";
  /** The traced run line-traces at most this many modules (its cost grows with their lines). */
  static final int MAX_TRACED = 40;

  private static final ObjectMapper JSON = JsonMapper.builder().build();

  public SideEffects {
    effects = List.copyOf(effects);
  }

  /**
   * Records the side effects of {@code target} run by {@code python} in {@code directory} with
   * {@code env} changes. Never throws for a failing target: what was recorded before it failed is
   * kept, with the failure as {@link #problem}.
   *
   * @throws UserError exit 3 when the interpreter cannot be started
   */
  public static SideEffects record(
      Interpreter python, Target target, Map<String, String> env, Path directory, Duration timeout) {
    Path dir = null;
    try {
      dir = Files.createTempDirectory("coldstart-effects");
      Path script = dir.resolve("side_effects.py");
      try (InputStream in = SideEffects.class.getResourceAsStream(RESOURCE)) {
        if (in == null) {
          throw new IllegalStateException(RESOURCE + " is missing from the jar");
        }
        Files.write(script, in.readAllBytes());
      }
      SideEffects first = pass(python, script, dir.resolve("effects.jsonl"), List.of(), target, env, directory, timeout);
      Set<String> untraced = new LinkedHashSet<>();
      for (SideEffect e : first.effects) {
        if (e.line() == null && e.kind().fromSnapshots() && !e.stdlib() && untraced.size() < MAX_TRACED) {
          untraced.add(e.module());
        }
      }
      if (untraced.isEmpty() || !first.complete) {
        return first;
      }
      List<String> trace = List.of("--trace", String.join(",", untraced));
      SideEffects traced = pass(python, script, dir.resolve("traced.jsonl"), trace, target, env, directory, timeout);
      return first.withLinesFrom(traced);
    } catch (IOException e) {
      throw UserError.target("cannot run the side-effect recorder: " + e.getMessage());
    } finally {
      deleteQuietly(dir);
    }
  }

  private static SideEffects pass(
      Interpreter python,
      Path script,
      Path out,
      List<String> options,
      Target target,
      Map<String, String> env,
      Path directory,
      Duration timeout)
      throws IOException {
    List<String> args = new ArrayList<>();
    args.add(script.toString());
    args.addAll(options);
    args.add(out.toString());
    args.addAll(target.pythonArgs());
    PythonProcess p = PythonProcess.builder(python.executable(), args).timeout(timeout).discardStdout();
    env.forEach(p::env);
    if (directory != null) {
      p.directory(directory);
    }
    ProcessResult r = p.run();
    List<String> lines = Files.exists(out) ? Files.readAllLines(out, StandardCharsets.UTF_8) : List.of();
    SideEffects read = parse(lines);
    // Complete: the program returned or exited (with any status); an uncaught exception, a
    // timeout or a kill leaves the imports after that point unrecorded.
    boolean complete = read.complete && !r.timedOut() && !r.interrupted();
    String problem = read.problem;
    if (r.timedOut()) {
      problem = "the target timed out after " + timeout.toSeconds() + " s";
    } else if (r.interrupted()) {
      problem = "interrupted";
    } else if (lines.isEmpty()) {
      problem = "the side-effect recorder wrote nothing (exit " + r.exitCode() + "): " + r.stderrTail(3);
    } else if (!complete) {
      problem = "the target failed (exit " + r.exitCode() + "): " + r.stderrTail(1);
    }
    return new SideEffects(read.effects, complete, read.auditHooks, complete ? null : problem);
  }

  /**
   * Reads the recorder's output lines. A line that does not parse (the last one, cut by a crash)
   * ends the reading; effects of a kind this version does not know are skipped.
   */
  static SideEffects parse(List<String> lines) {
    List<SideEffect> effects = new ArrayList<>();
    boolean complete = false;
    boolean audit = false;
    String problem = null;
    for (String line : lines) {
      if (line.isBlank()) {
        continue;
      }
      JsonNode node;
      try {
        node = JSON.readTree(line);
      } catch (JacksonException e) {
        problem = "the side-effect record ends in a damaged line";
        break;
      }
      switch (node.path("type").asString("")) {
        case "start" -> audit = node.path("audit").asBoolean(false);
        case "end" -> complete = !"exception".equals(node.path("reason").asString(""));
        case "effect" -> {
          SideEffect.Kind kind = SideEffect.Kind.of(node.path("kind").asString(""));
          if (kind != null) {
            effects.add(
                new SideEffect(
                    kind,
                    node.path("detail").asString(""),
                    node.path("module").asString(""),
                    text(node.path("file")),
                    node.path("line").isInt() ? node.path("line").asInt() : null,
                    text(node.path("via")),
                    node.path("stdlib").asBoolean(false)));
          }
        }
        default -> {}
      }
    }
    return new SideEffects(effects, complete, audit, problem);
  }

  private static String text(JsonNode n) {
    return n.isString() ? n.asString() : null;
  }

  /** These effects, each without a line given the line the traced run found for it. */
  SideEffects withLinesFrom(SideEffects traced) {
    List<SideEffect> pool = new ArrayList<>(traced.effects);
    List<SideEffect> out = new ArrayList<>(effects.size());
    for (SideEffect e : effects) {
      SideEffect found = null;
      if (e.line() == null) {
        for (SideEffect t : pool) {
          if (t.line() != null && t.kind() == e.kind() && t.module().equals(e.module()) && t.detail().equals(e.detail())) {
            found = t;
            break;
          }
        }
      }
      if (found != null) {
        pool.remove(found);
        out.add(new SideEffect(e.kind(), e.detail(), e.module(), e.file(), found.line(), e.via(), e.stdlib()));
      } else {
        out.add(e);
      }
    }
    return new SideEffects(out, complete, auditHooks, problem);
  }

  /**
   * The effects that happen at a different time when these modules are no longer loaded at
   * start-up (the candidate and every module only it loads): they move to the first use.
   */
  public List<SideEffect> moving(Collection<String> freed) {
    Set<String> modules = new HashSet<>(freed);
    return effects.stream().filter(e -> modules.contains(e.module())).toList();
  }

  /**
   * The effects that move when {@code rules} are deferred in the program whose runtime import
   * graph is {@code graph}: those of the modules the deferred imports alone bring in (explain's
   * dominators: a module also imported another way still loads at start-up, its effects stay).
   */
  public List<SideEffect> moving(RuntimeImportGraph graph, List<Deferral.Rule> rules) {
    return moving(freed(graph, rules));
  }

  /** The modules no longer loaded at start-up when {@code rules} are deferred. */
  static List<String> freed(RuntimeImportGraph graph, List<Deferral.Rule> rules) {
    List<ImportEdge> edges = new ArrayList<>();
    for (Deferral.Rule r : rules) {
      for (ImportEdge e : graph.importsOf(r.module())) {
        if (!RuntimeImportGraph.ROOT.equals(e.importer()) && (r.importer() == null || r.importer().equals(e.importer()))) {
          edges.add(e);
        }
      }
    }
    if (edges.isEmpty()) {
      return List.of();
    }
    // Membership in the freed set does not depend on the times; only its order does.
    RetainedTime structure = RetainedTime.of(graph, SelfTimes.of(Map.of()));
    return Opportunities.whatIf(structure, edges).freed();
  }

  /** The effects of modules outside the standard library. */
  public List<SideEffect> outsideStdlib() {
    return effects.stream().filter(e -> !e.stdlib()).toList();
  }

  private static void deleteQuietly(Path dir) {
    if (dir == null) {
      return;
    }
    try (var s = Files.walk(dir)) {
      s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException | RuntimeException e) {
      // A temp directory left behind is harmless.
    }
  }
}
