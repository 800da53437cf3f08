package dev.coldstart.limits;

import dev.coldstart.UserError;
import dev.coldstart.python.Interpreter;
import dev.coldstart.python.ProcessResult;
import dev.coldstart.python.RunHook;
import dev.coldstart.python.Target;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The production conditions of a profile, applied around each measured run (a {@link RunHook}):
 *
 * <ul>
 *   <li>CPU and memory limits: the run starts inside a {@link Cgroup} created for this profile;
 *   <li>cold cache: before each run, untimed, every file the target loads (found once in a warm
 *       run) is evicted from the page cache ({@link PageCache});
 *   <li>no bytecode cache: each run gets {@code -X pycache_prefix=} a fresh empty directory, so
 *       every module imported from source is compiled, as in a deploy without .pyc files.
 * </ul>
 *
 * <p>Bare-interpreter runs get the same treatment, so "above bare" stays a fair difference. Open it
 * with try-with-resources: {@link #close()} removes the cgroup and temporary directories, and a
 * shutdown hook does the same when the JVM exits early.
 */
public final class Limits implements RunHook, AutoCloseable {
  private final LimitSpec spec;
  private final MeasuredUnder measuredUnder;
  private final Cgroup cgroup;
  private final PageCache cache;
  private final Thread shutdownHook;
  private final List<PageCache.Eviction> evictions = new ArrayList<>();
  private Path pycacheDir;
  private long oomBefore = -1;
  private LimitKill kill;
  private boolean closed;

  /**
   * Where a target will run: what the cold cache must learn the files of.
   *
   * @param target what runs
   * @param env extra environment of its runs
   * @param directory its working directory, or null for the current one
   */
  public record RunSite(Target target, Map<String, String> env, Path directory) {}

  private Limits(LimitSpec asked, LimitSpec spec, String notApplied, Cgroup cgroup, PageCache cache) {
    this.spec = spec;
    this.measuredUnder = new MeasuredUnder(asked, spec, notApplied);
    this.cgroup = cgroup;
    this.cache = cache;
    this.shutdownHook = new Thread(this::close, "coldstart-limits-cleanup");
    Runtime.getRuntime().addShutdownHook(shutdownHook);
  }

  /**
   * Checks the limits can be enforced for this interpreter and sets them up: exit 2 with the reason
   * when one cannot be (never a silently unconstrained measurement); exit 3 when the cold-cache
   * warm run of the target fails.
   */
  public static Limits open(
      LimitSpec spec, Interpreter python, Target target, Duration timeout, Map<String, String> env, Path directory) {
    return open(spec, LimitMode.STRICT, python, timeout, List.of(new RunSite(target, env, directory)));
  }

  /**
   * Sets the limits up for runs at every one of {@code sites} (the cold cache evicts the files of
   * all of them before each run, so that two sides compared with each other start equally cold).
   * Under {@link LimitMode#STRICT} a limit that cannot be applied is exit 2 with what is missing;
   * under {@link LimitMode#BEST_EFFORT} it is left out and {@link #measuredUnder()} says so.
   */
  public static Limits open(LimitSpec spec, LimitMode mode, Interpreter python, Duration timeout, List<RunSite> sites) {
    if (mode == LimitMode.OFF) {
      throw new IllegalArgumentException("limits are off: open none");
    }
    boolean bestEffort = mode == LimitMode.BEST_EFFORT;
    List<String> notApplied = new ArrayList<>();
    boolean noBytecodeCache = spec.noBytecodeCache();
    if (noBytecodeCache && !python.atLeast(3, 8)) {
      String why = "--no-bytecode-cache needs Python 3.8 or newer (-X pycache_prefix); " + python.describe() + " is not";
      if (!bestEffort) {
        throw UserError.usage(why);
      }
      notApplied.add(why);
      noBytecodeCache = false;
    }
    PageCache cache = null;
    boolean coldCache = spec.coldCache();
    if (coldCache) {
      java.util.LinkedHashSet<String> files = new java.util.LinkedHashSet<>();
      for (RunSite site : sites) {
        files.addAll(LoadedFiles.take(python, site.target(), timeout, site.env(), site.directory()).allFiles());
      }
      try {
        cache = PageCache.of(python, List.copyOf(files));
      } catch (UserError e) {
        if (!bestEffort) {
          throw e;
        }
        notApplied.add(e.getMessage());
        coldCache = false;
      }
    }
    Cgroup cg = null;
    double cpu = spec.cpuPercent();
    long memory = spec.memoryBytes();
    try {
      if (spec.needsCgroup()) {
        try {
          cg = Cgroups.open(spec);
        } catch (UserError e) {
          if (!bestEffort) {
            throw e;
          }
          // Keep the reasons, not the advice: "cannot enforce ...:\n  cgroup v1: ...\n  cgroup v2: ...".
          String msg = e.getMessage();
          int nl = msg.indexOf('\n');
          notApplied.add("no cgroup could be made (" + (nl < 0 ? msg : String.join("; ", msg.substring(nl + 1).strip().split("\n\\s*"))) + ")");
          cpu = 0;
          memory = 0;
        }
      }
      LimitSpec applied = new LimitSpec(cpu, memory, coldCache, noBytecodeCache);
      return new Limits(spec, applied, notApplied.isEmpty() ? null : String.join("; ", notApplied), cg, cache);
    } catch (RuntimeException e) {
      if (cache != null) {
        cache.close();
      }
      throw e;
    }
  }

  /** The limits asked for, those in force, and why any were left out. */
  public MeasuredUnder measuredUnder() {
    return measuredUnder;
  }

  /** The first run the memory limit killed, or null when none was. */
  public synchronized LimitKill kill() {
    return kill;
  }

  /** The limits as every output shows them (Profile.constraints). */
  public List<String> constraints() {
    return spec.describe();
  }

  @Override
  public synchronized List<String> prepare(List<String> command) {
    List<String> cmd = new ArrayList<>(command);
    if (spec.noBytecodeCache()) {
      LoadedFiles.deleteQuietly(pycacheDir);
      try {
        pycacheDir = Files.createTempDirectory("coldstart-pycache");
      } catch (IOException e) {
        throw UserError.usage("--no-bytecode-cache: cannot create a temporary directory: " + e.getMessage());
      }
      cmd.addAll(1, List.of("-X", "pycache_prefix=" + pycacheDir));
    }
    if (cache != null) {
      evictions.add(cache.evict());
    }
    if (cgroup != null) {
      oomBefore = cgroup.oomKills();
      cmd = cgroup.wrap(cmd);
    }
    return cmd;
  }

  @Override
  public synchronized String explainFailure(ProcessResult r) {
    if (cgroup == null || spec.memoryBytes() <= 0 || r.timedOut() || r.interrupted() || r.exitCode() == 0) {
      return null;
    }
    long now = cgroup.oomKills();
    boolean killed;
    boolean certain;
    if (now >= 0 && oomBefore >= 0) {
      killed = now > oomBefore;
      certain = true;
    } else {
      // No counter (systemd scope): SIGKILL from nobody else is the OOM killer.
      killed = r.exitCode() == 128 + 9;
      certain = false;
    }
    if (!killed) {
      return null;
    }
    LimitKill k = LimitKill.from(spec.memoryBytes(), r.stderr());
    if (kill == null) {
      kill = k;
    }
    return certain
        ? "was " + k.message() + ": it needs more memory than the limit allows"
        : "was killed by SIGKILL under the memory limit (" + LimitSpec.size(spec.memoryBytes())
            + "): most likely " + k.message();
  }

  @Override
  public synchronized List<String> notes() {
    List<String> notes = new ArrayList<>();
    if (measuredUnder.notApplied() != null) {
      notes.add(measuredUnder.describe() + ", because " + measuredUnder.notApplied().replace("\n", " "));
    }
    if (cgroup != null) {
      notes.add(
          "runs ran under " + String.join(", ", spec.describe().stream().filter(s -> s.startsWith("cpu") || s.startsWith("memory")).toList())
              + " in " + cgroup.describe()
              + "; each started through a small wrapper that joins the group first, whose cost the bare interpreter pays too");
    }
    if (spec.noBytecodeCache()) {
      notes.add(
          "no bytecode cache: each run used a fresh empty -X pycache_prefix, so every module imported from"
              + " source was compiled (frozen stdlib modules and .pyc-only modules are not affected)");
    }
    if (cache != null) {
      notes.add(coldCacheNote());
    }
    return List.copyOf(notes);
  }

  private String coldCacheNote() {
    if (evictions.isEmpty()) {
      return "cold cache: " + cache.fileCount() + " files to evict, but no run was made";
    }
    long[] evicted = evictions.stream().mapToLong(PageCache.Eviction::evicted).sorted().toArray();
    long[] after = evictions.stream().mapToLong(PageCache.Eviction::residentAfter).sorted().toArray();
    PageCache.Eviction first = evictions.get(0);
    boolean verified = evictions.stream().allMatch(PageCache.Eviction::verified);
    return "cold cache: before each run " + first.files() + " files (" + mb(first.bytes()) + ") the target loads"
        + " were evicted from the page cache with posix_fadvise(DONTNEED); per run (median) " + mb(median(evicted))
        + " evicted, " + mb(median(after)) + " still resident after eviction (pages mapped by running processes,"
        + " such as libc, cannot be evicted)"
        + (verified ? "" : "; residency could not be measured for every file (no mincore/fincore)");
  }

  /** Median bytes evicted per run; 0 before any run. */
  public synchronized long medianEvictedBytes() {
    return evictions.isEmpty() ? 0 : median(evictions.stream().mapToLong(PageCache.Eviction::evicted).sorted().toArray());
  }

  private static long median(long[] sorted) {
    return sorted.length == 0 ? 0 : sorted[(sorted.length - 1) / 2];
  }

  public static String mb(long bytes) {
    return String.format(java.util.Locale.ROOT, "%.1f MB", bytes / 1e6);
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (cgroup != null) {
      cgroup.close();
    }
    if (cache != null) {
      cache.close();
    }
    LoadedFiles.deleteQuietly(pycacheDir);
    if (Thread.currentThread() != shutdownHook) {
      try {
        Runtime.getRuntime().removeShutdownHook(shutdownHook);
      } catch (IllegalStateException e) {
        // The JVM is shutting down; the hook runs close() again, which returns at once.
      }
    }
  }

  @Override
  public String toString() {
    return "Limits" + Arrays.toString(spec.describe().toArray());
  }
}
