package dev.coldstart.fix;

import dev.coldstart.UserError;
import dev.coldstart.python.Interpreter;
import dev.coldstart.python.Interpreters;
import dev.coldstart.python.ProcessResult;
import dev.coldstart.python.PythonProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * The public API of a module as a fresh interpreter sees it ({@code public_api.py}), and the
 * comparison of two such snapshots. Two snapshots agree when {@code __all__} is the same, {@code
 * dir()} lists the same names, every listed name resolves to the same kind of object with the same
 * {@code __module__}/{@code __qualname__} (or type and repr), and {@code from M import *} binds the
 * same names; the only exceptions are names a fix declared it removes or adds.
 */
public final class PublicApi {
  private static final ObjectMapper JSON = JsonMapper.builder().build();

  private PublicApi() {}

  /** One module's API; error is set when importing it or reading it failed. */
  public record Snapshot(
      String module, String error, List<String> all, List<String> dir, Map<String, String> names, List<String> star) {}

  /** Runs the helper on {@code module} with {@code root} first on sys.path. */
  public static Snapshot take(Interpreter py, String module, Path root) {
    ProcessResult r = PythonProcess.builder(py.executable(), List.of("-c", Interpreters.resource("public_api.py"), module))
        .directory(root)
        .env("PYTHONPATH", pythonPath(root))
        .env("PYTHONDONTWRITEBYTECODE", "1")
        // A fixed seed: the repr of a set of strings follows the string hashes, which are
        // randomised per process, so two honest snapshots would differ at random.
        .env("PYTHONHASHSEED", "0")
        .timeout(Duration.ofMinutes(2))
        .keepStderr(l -> true)
        .run();
    String line = r.stdout().strip();
    if (line.isEmpty()) {
      return new Snapshot(module, "the helper printed nothing (exit " + r.exitCode() + "): " + r.stderrTail(3),
          null, List.of(), Map.of(), List.of());
    }
    try {
      JsonNode n = JSON.readTree(line.substring(line.lastIndexOf('\n') + 1));
      String error = n.has("error") ? n.get("error").asString() : null;
      Map<String, String> names = new LinkedHashMap<>();
      n.path("names").properties().forEach(e -> names.put(e.getKey(), e.getValue().asString()));
      return new Snapshot(module, error, n.path("all").isArray() ? strings(n.get("all")) : null,
          strings(n.path("dir")), names, strings(n.path("star")));
    } catch (JacksonException e) {
      throw UserError.target("the public API helper printed something unreadable for " + module);
    }
  }

  static String pythonPath(Path root) {
    String old = System.getenv("PYTHONPATH");
    return root.toAbsolutePath() + (old == null || old.isEmpty() ? "" : java.io.File.pathSeparator + old);
  }

  private static List<String> strings(JsonNode a) {
    List<String> out = new ArrayList<>();
    a.forEach(x -> out.add(x.asString()));
    return out;
  }

  /** What differs between before and after, beyond the declared removed and added names. */
  public static List<String> differences(Snapshot before, Snapshot after, Set<String> removed, Set<String> added) {
    List<String> out = new ArrayList<>();
    String m = before.module();
    if (after.error() != null && before.error() == null) {
      out.add(m + ": import fails after the fix: " + after.error());
      return out;
    }
    if (before.error() != null) {
      out.add(m + ": import fails before the fix already: " + before.error());
      return out;
    }
    if (!java.util.Objects.equals(before.all(), after.all())) {
      out.add(m + ": __all__ changed from " + before.all() + " to " + after.all());
    }
    setDiff(out, m + ": dir()", before.dir(), after.dir(), removed, added);
    setDiff(out, m + ": `from " + m + " import *`", before.star(), after.star(), removed, added);
    for (var e : before.names().entrySet()) {
      String now = after.names().get(e.getKey());
      if (now != null && !now.equals(e.getValue())) {
        out.add(m + "." + e.getKey() + " was " + e.getValue() + ", is now " + now);
      }
    }
    return out;
  }

  private static void setDiff(List<String> out, String what, List<String> before, List<String> after,
      Set<String> removed, Set<String> added) {
    Set<String> lost = new TreeSet<>(before);
    lost.removeAll(after);
    lost.removeAll(removed);
    Set<String> gained = new TreeSet<>(after);
    gained.removeAll(before);
    gained.removeAll(added);
    if (!lost.isEmpty()) {
      out.add(what + " lost " + lost);
    }
    if (!gained.isEmpty()) {
      out.add(what + " gained " + gained);
    }
  }
}
