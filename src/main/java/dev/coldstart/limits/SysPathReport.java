package dev.coldstart.limits;

import dev.coldstart.UserError;
import dev.coldstart.python.Interpreter;
import dev.coldstart.python.Interpreters;
import dev.coldstart.python.ProcessResult;
import dev.coldstart.python.PythonProcess;
import dev.coldstart.python.Target;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * What sys.path costs a start: its entries (directory, missing, zip archive, file), the {@code
 * .pth} files site processes with their import lines and time, and, for a target, which entry each
 * loaded module came from and how many file-system calls its imports made.
 *
 * <p>The .pth times come from {@code syspath.py} run as {@code python -S}: it performs the same
 * site initialisation a normal start does, with {@code site.addpackage} (one .pth file) and
 * sitecustomize/usercustomize wrapped by a clock; it runs {@code runs} times in fresh processes
 * and medians are kept. A .pth's time includes the first import of whatever its import lines
 * load, even modules the program would import later anyway.
 *
 * <p>File-system calls are counted with {@code strace -f -c -e trace=%file,getdents64} when strace
 * is installed (target minus {@code -c pass}, so only the target's imports count); otherwise the
 * report estimates the path scan: for each top-level module, the entries searched before the one
 * that held it (each is at least one stat, as the path finder checks the directory's mtime).
 */
public final class SysPathReport {
  private SysPathReport() {}

  /** One sys.path entry. */
  public record Entry(int index, String path, String kind, String addedBy, int modules) {}

  /** One .pth file. */
  public record Pth(String file, double medianMs, List<String> importLines, List<String> pathLines, List<String> modules) {}

  /** File-system calls of the target's imports. */
  public record Lookups(String method, long calls, long failed, long estimatedEntryProbes) {}

  /** The report; {@code target}, {@code lookups} are null without a target. */
  public record Report(
      String python,
      List<Entry> entries,
      List<Pth> pth,
      double siteMs,
      Double sitecustomizeMs,
      String target,
      Map<String, Integer> modulesByEntry,
      int modulesElsewhere,
      Lookups lookups) {}

  /** Builds the report; runs the interpreter {@code runs} times, plus the target twice when given. */
  public static Report build(Interpreter py, Target target, int runs, Duration timeout) {
    List<JsonNode> samples = new ArrayList<>();
    Path dir = null;
    try {
      dir = Files.createTempDirectory("coldstart-syspath");
      Path script = dir.resolve("syspath.py");
      Files.writeString(script, Interpreters.resource("syspath.py"), StandardCharsets.UTF_8);
      for (int i = 0; i < runs; i++) {
        ProcessResult r = PythonProcess.builder(py.executable(), List.of("-S", script.toString())).timeout(timeout).run();
        if (!r.ok()) {
          throw UserError.target("the sys.path probe failed in " + py.describe() + ": " + r.stderrTail(8));
        }
        samples.add(new ObjectMapper().readTree(r.stdout()));
      }
    } catch (IOException e) {
      throw UserError.target("cannot write the sys.path probe: " + e.getMessage());
    } finally {
      LoadedFiles.deleteQuietly(dir);
    }
    JsonNode first = samples.get(0);
    // sys.path as `python -c` sees it: '' (the current directory) first, then the interpreter's.
    List<String> path = new ArrayList<>();
    path.add("");
    path.addAll(py.sysPath());
    Map<String, String> addedBy = new LinkedHashMap<>();
    List<Pth> pths = new ArrayList<>();
    for (int k = 0; k < first.path("pth").size(); k++) {
      JsonNode p = first.path("pth").get(k);
      double[] ms = new double[samples.size()];
      for (int i = 0; i < samples.size(); i++) {
        ms[i] = samples.get(i).path("pth").path(k).path("seconds").asDouble() * 1000;
      }
      List<String> imports = new ArrayList<>();
      List<String> paths = new ArrayList<>();
      for (JsonNode l : p.path("lines")) {
        (l.path("import").asBoolean() ? imports : paths).add(l.path("text").asString());
      }
      List<String> mods = new ArrayList<>();
      p.path("modules").forEach(m -> mods.add(m.asString()));
      p.path("added").forEach(a -> addedBy.putIfAbsent(a.asString(), Path.of(p.path("file").asString()).getFileName().toString()));
      pths.add(new Pth(p.path("file").asString(), median(ms), imports, paths, mods));
    }
    double[] site = samples.stream().mapToDouble(s -> s.path("site_seconds").asDouble() * 1000).toArray();
    double[] custom = samples.stream().filter(s -> s.path("sitecustomize_seconds").isNumber())
        .mapToDouble(s -> s.path("sitecustomize_seconds").asDouble() * 1000).toArray();

    Map<String, Integer> byEntry = new LinkedHashMap<>();
    int elsewhere = 0;
    Lookups lookups = null;
    if (target != null) {
      LoadedFiles files = LoadedFiles.take(py, target, timeout, Map.of(), null);
      long probes = 0;
      for (LoadedFiles.Module m : files.modules()) {
        String f = m.archive() != null ? m.archive() : m.file();
        int idx = entryOf(f, path);
        if (idx < 0) {
          elsewhere++;
          continue;
        }
        byEntry.merge(path.get(idx), 1, Integer::sum);
        if (!m.name().contains(".")) {
          probes += idx;
        }
      }
      lookups = strace(py, target, timeout, probes);
    }
    List<Entry> entries = new ArrayList<>();
    for (int i = 0; i < path.size(); i++) {
      String p = path.get(i);
      entries.add(new Entry(i, p, kind(p), addedBy.get(p), byEntry.getOrDefault(p, 0)));
    }
    return new Report(
        py.describe(),
        List.copyOf(entries),
        List.copyOf(pths),
        median(site),
        custom.length == 0 ? null : median(custom),
        target == null ? null : target.describe(),
        byEntry,
        elsewhere,
        lookups);
  }

  /** The entry holding {@code file}: the longest entry that is a directory prefix of it; -1 if none. */
  static int entryOf(String file, List<String> path) {
    if (file == null) {
      return -1;
    }
    int best = -1;
    int bestLen = -1;
    for (int i = 0; i < path.size(); i++) {
      String e = path.get(i).isEmpty() ? System.getProperty("user.dir") : path.get(i);
      if ((file.equals(e) || file.startsWith(e.endsWith("/") ? e : e + "/")) && e.length() > bestLen) {
        best = i;
        bestLen = e.length();
      }
    }
    return best;
  }

  static String kind(String entry) {
    if (entry.isEmpty()) {
      return "current directory";
    }
    Path p = Path.of(entry);
    if (Files.isDirectory(p)) {
      return "directory";
    }
    if (!Files.exists(p)) {
      return "missing";
    }
    String lower = entry.toLowerCase(Locale.ROOT);
    return lower.endsWith(".zip") || lower.endsWith(".egg") || lower.endsWith(".whl") ? "zip archive" : "file";
  }

  private static Lookups strace(Interpreter py, Target target, Duration timeout, long probes) {
    long[] t = straceCounts(py, target.pythonArgs(), timeout);
    long[] b = straceCounts(py, List.of("-c", "pass"), timeout);
    if (t == null || b == null) {
      return new Lookups("estimate (strace not available)", -1, -1, probes);
    }
    return new Lookups("strace -c -e trace=%file,getdents64 (target minus -c pass)", t[0] - b[0], t[1] - b[1], probes);
  }

  /** {calls, errors} of file system calls of one run; null when strace is unavailable. */
  private static long[] straceCounts(Interpreter py, List<String> args, Duration timeout) {
    Path out = null;
    try {
      out = Files.createTempFile("coldstart-strace", ".txt");
      List<String> a = new ArrayList<>(List.of("-f", "-c", "-e", "trace=%file,getdents64", "-o", out.toString(), py.executable().toString()));
      a.addAll(args);
      ProcessResult r = PythonProcess.builder(Path.of("strace"), a).timeout(timeout).discardStdout().run();
      if (!r.ok()) {
        return null;
      }
      for (String line : Files.readAllLines(out)) {
        String[] f = line.strip().split("\\s+");
        // "100.00 0.003529 1 3501 1177 total"
        if (f.length >= 5 && f[f.length - 1].equals("total")) {
          long calls = Long.parseLong(f[f.length - 3]);
          long errors = f.length >= 6 ? Long.parseLong(f[f.length - 2]) : 0;
          return new long[] {calls, errors};
        }
      }
      return null;
    } catch (IOException | RuntimeException e) {
      return null;
    } finally {
      if (out != null) {
        out.toFile().delete();
      }
    }
  }

  private static double median(double[] v) {
    if (v.length == 0) {
      return 0;
    }
    double[] s = v.clone();
    Arrays.sort(s);
    return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  }

  /** The report as text. */
  public static String text(Report r) {
    StringBuilder sb = new StringBuilder();
    sb.append("coldstart syspath: ").append(r.python()).append('\n');
    sb.append("\nsys.path (as `python -c` sees it)\n");
    for (Entry e : r.entries()) {
      sb.append(String.format(Locale.ROOT, "  %2d  %-18s %s", e.index(), e.kind(), e.path().isEmpty() ? "''" : e.path()));
      if (e.addedBy() != null) {
        sb.append("  (added by ").append(e.addedBy()).append(')');
      }
      if (r.target() != null) {
        sb.append("  ").append(e.modules()).append(" module(s)");
      }
      sb.append('\n');
    }
    long missing = r.entries().stream().filter(e -> e.kind().equals("missing")).count();
    if (missing > 0) {
      sb.append("  ").append(missing).append(" missing entr").append(missing == 1 ? "y" : "ies")
          .append(": every top-level import that reaches it pays a failed stat for nothing\n");
    }
    sb.append(String.format(Locale.ROOT, "%nsite initialisation: %.2f ms (median), of which .pth files:%n", r.siteMs()));
    if (r.pth().isEmpty()) {
      sb.append("  (none)\n");
    }
    for (Pth p : r.pth()) {
      sb.append(String.format(Locale.ROOT, "  %8.2f ms  %s", p.medianMs(), p.file()));
      sb.append("  (").append(p.pathLines().size()).append(" path line(s), ").append(p.importLines().size())
          .append(" import line(s)").append(p.modules().isEmpty() ? "" : ", loads " + p.modules().size() + " module(s)").append(")\n");
      for (String l : p.importLines()) {
        sb.append("              runs: ").append(l.length() > 100 ? l.substring(0, 100) + "..." : l).append('\n');
      }
    }
    if (r.sitecustomizeMs() != null) {
      sb.append(String.format(Locale.ROOT, "  sitecustomize: %.2f ms%n", r.sitecustomizeMs()));
    }
    if (r.target() != null) {
      sb.append("\n").append(r.target()).append(": modules loaded from outside sys.path (built-in, frozen, elsewhere): ")
          .append(r.modulesElsewhere()).append('\n');
      Lookups l = r.lookups();
      if (l.calls() >= 0) {
        sb.append("file-system calls of its imports: ").append(l.calls()).append(" (").append(l.failed())
            .append(" failed), by ").append(l.method()).append('\n');
      }
      sb.append("path scan: top-level imports searched ").append(l.estimatedEntryProbes())
          .append(" sys.path entries before the one that held them (each at least one stat)\n");
    }
    return sb.toString();
  }
}
