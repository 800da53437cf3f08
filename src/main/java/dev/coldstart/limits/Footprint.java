package dev.coldstart.limits;

import dev.coldstart.dist.Distributions;
import dev.coldstart.dist.Distributions.Dist;
import dev.coldstart.python.Interpreter;
import dev.coldstart.python.Target;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The native footprint of a target's import closure: the compiled files it loads (extension
 * modules, and the shared libraries mapped with them), the distributions that installed them, and
 * whether each distribution is pure Python or built for one platform (its wheel tags). What breaks
 * a deploy to another CPU architecture, and what a slim image must carry. The closure is what one
 * warm run actually loaded ({@link LoadedFiles}), so re-exported and lazily skipped imports count
 * as they really happen.
 */
public final class Footprint {
  private Footprint() {}

  /** One distribution with at least one loaded module or native file. */
  public record DistUse(
      String name,
      String version,
      List<String> tags,
      boolean platformSpecific,
      int modules,
      List<String> nativeFiles,
      long nativeBytes,
      long installedBytes) {}

  /**
   * The footprint.
   *
   * @param target what was run
   * @param python the interpreter
   * @param machine the interpreter's CPU architecture
   * @param distributions distributions in the closure, platform-specific first, then by size
   * @param otherNative native files no distribution owns (interpreter, system libraries)
   * @param extensionModules extension modules loaded
   * @param nativeBytes total size on disk of every native file loaded
   * @param unattributedModules loaded modules with a file no distribution's RECORD lists (stdlib,
   *     the project itself, Debian packages)
   */
  public record Report(
      String target,
      String python,
      String machine,
      List<DistUse> distributions,
      List<String> otherNative,
      int extensionModules,
      long nativeBytes,
      int unattributedModules) {}

  public static Report measure(Interpreter py, Target target, Duration timeout) {
    return measure(py, target, timeout, null);
  }

  /** As {@link #measure(Interpreter, Target, Duration)}, running the target in {@code directory}. */
  public static Report measure(Interpreter py, Target target, Duration timeout, java.nio.file.Path directory) {
    LoadedFiles files = LoadedFiles.take(py, target, timeout, Map.of(), directory);
    Distributions dists = Distributions.scan(files.sysPath());
    Map<Dist, int[]> modules = new LinkedHashMap<>();
    Map<Dist, List<String>> natives = new LinkedHashMap<>();
    Map<Dist, long[]> nativeBytes = new LinkedHashMap<>();
    List<String> other = new ArrayList<>();
    int extensions = 0;
    int unattributed = 0;
    long total = 0;
    List<String> nativeFiles = new ArrayList<>();
    for (LoadedFiles.Module m : files.modules()) {
      if (m.file() == null) {
        continue;
      }
      Dist d = dists.owner(m.file());
      if (d == null) {
        unattributed++;
      } else {
        modules.computeIfAbsent(d, k -> new int[1])[0]++;
      }
      if (m.extension()) {
        extensions++;
        if (!nativeFiles.contains(m.file())) {
          nativeFiles.add(m.file());
        }
      }
    }
    for (String f : files.mapped()) {
      if (!nativeFiles.contains(f) && f.contains(".so")) {
        nativeFiles.add(f);
      }
    }
    if (files.executable() != null && !nativeFiles.contains(files.executable())) {
      nativeFiles.add(0, files.executable());
    }
    for (String f : nativeFiles) {
      long size = size(f);
      total += size;
      Dist d = dists.owner(f);
      if (d == null) {
        other.add(f);
      } else {
        natives.computeIfAbsent(d, k -> new ArrayList<>()).add(Path.of(f).getFileName().toString());
        nativeBytes.computeIfAbsent(d, k -> new long[1])[0] += size;
        modules.computeIfAbsent(d, k -> new int[1]);
      }
    }
    List<DistUse> uses = new ArrayList<>();
    for (var e : modules.entrySet()) {
      Dist d = e.getKey();
      uses.add(
          new DistUse(
              d.name(),
              d.version(),
              d.tags(),
              d.platformSpecific() || natives.containsKey(d),
              e.getValue()[0],
              List.copyOf(natives.getOrDefault(d, List.of())),
              nativeBytes.getOrDefault(d, new long[1])[0],
              d.installedBytes()));
    }
    uses.sort(
        Comparator.comparing((DistUse u) -> !u.platformSpecific())
            .thenComparing(u -> -u.installedBytes())
            .thenComparing(DistUse::name));
    return new Report(
        target.describe(), py.describe(), py.machine(), List.copyOf(uses), List.copyOf(other), extensions, total, unattributed);
  }

  private static long size(String f) {
    try {
      return Files.size(Path.of(f));
    } catch (java.io.IOException e) {
      return 0;
    }
  }

  /** The report as text. */
  public static String text(Report r) {
    StringBuilder sb = new StringBuilder();
    sb.append("coldstart footprint: ").append(r.target()).append('\n');
    sb.append("python:  ").append(r.python()).append(" on ").append(r.machine()).append('\n');
    long platform = r.distributions().stream().filter(DistUse::platformSpecific).count();
    sb.append(String.format(Locale.ROOT,
        "native:  %d extension module(s); %s of native code loaded; %d of %d distribution(s) are platform-specific%n",
        r.extensionModules(), Limits.mb(r.nativeBytes()), platform, r.distributions().size()));
    sb.append("\nDistributions in the import closure (platform-specific first)\n");
    sb.append(String.format(Locale.ROOT, "  %-28s %-12s %8s %10s %11s  %s%n", "distribution", "version", "modules", "native", "installed", "wheel tags"));
    for (DistUse u : r.distributions()) {
      sb.append(String.format(Locale.ROOT, "  %-28s %-12s %8d %10s %11s  %s%s%n",
          u.name(), u.version(), u.modules(), u.nativeBytes() == 0 ? "-" : Limits.mb(u.nativeBytes()), Limits.mb(u.installedBytes()),
          u.tags().isEmpty() ? "(no WHEEL tags)" : String.join(" ", u.tags()),
          u.platformSpecific() ? "  PLATFORM-SPECIFIC" : ""));
    }
    if (r.distributions().isEmpty()) {
      sb.append("  (none: no loaded file is listed in a dist-info RECORD)\n");
    }
    sb.append("\nNative files outside any distribution (interpreter, libpython, system libraries)\n");
    for (String f : r.otherNative()) {
      sb.append("  ").append(f).append('\n');
    }
    sb.append("\n").append(r.unattributedModules())
        .append(" loaded module(s) have a file no distribution lists (stdlib, the project itself, system packages)\n");
    return sb.toString();
  }
}
