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
  private final Cgroup cgroup;
  private final PageCache cache;
  private final Thread shutdownHook;
  private final List<PageCache.Eviction> evictions = new ArrayList<>();
  private Path pycacheDir;
  private long oomBefore = -1;
  private boolean closed;

  private Limits(LimitSpec spec, Cgroup cgroup, PageCache cache) {
    this.spec = spec;
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
    if (spec.noBytecodeCache() && !python.atLeast(3, 8)) {
      throw UserError.usage(
          "--no-bytecode-cache needs Python 3.8 or newer (-X pycache_prefix); " + python.describe() + " is not");
    }
    PageCache cache = null;
    if (spec.coldCache()) {
      LoadedFiles files = LoadedFiles.take(python, target, timeout, env, directory);
      cache = PageCache.of(python, files.allFiles());
    }
    Cgroup cg = null;
    try {
      if (spec.needsCgroup()) {
        cg = Cgroups.open(spec);
      }
      return new Limits(spec, cg, cache);
    } catch (RuntimeException e) {
      if (cache != null) {
        cache.close();
      }
      throw e;
    }
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
    String limit = LimitSpec.size(spec.memoryBytes());
    long now = cgroup.oomKills();
    if (now >= 0 && oomBefore >= 0) {
      return now > oomBefore
          ? "was killed by the memory limit (" + limit + "): it needs more memory than --memory allows"
          : null;
    }
    // No counter (systemd scope): SIGKILL from nobody else is the OOM killer.
    return r.exitCode() == 128 + 9
        ? "was killed by SIGKILL under the memory limit (" + limit + "): most likely killed by the memory limit"
        : null;
  }

  @Override
  public synchronized List<String> notes() {
    List<String> notes = new ArrayList<>();
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
