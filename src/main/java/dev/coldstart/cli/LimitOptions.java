package dev.coldstart.cli;

import dev.coldstart.UserError;
import dev.coldstart.limits.LimitSpec;
import dev.coldstart.limits.Limits;
import dev.coldstart.python.Interpreter;
import dev.coldstart.python.Target;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The production conditions to measure under, shared by the verbs that time Python ({@code
 * profile}, {@code check}): {@code --cpu PERCENT}, {@code --memory SIZE}, {@code --cold-cache},
 * {@code --no-bytecode-cache}. See docs/limits.md.
 */
public final class LimitOptions {
  @Option(
      names = "--cpu",
      paramLabel = "PERCENT",
      description = "Run each measured process with this share of one CPU core (e.g. 10 or 10%%), in a cgroup.")
  String cpu;

  @Option(
      names = "--memory",
      paramLabel = "SIZE",
      description = "Limit each measured process to this much memory, no swap (e.g. 128M, 1G), in a cgroup.")
  String memory;

  @Option(
      names = "--cold-cache",
      description = "Evict every file the target loads from the page cache before each run.")
  boolean coldCache;

  @Option(
      names = "--no-bytecode-cache",
      description = "Run with a fresh empty -X pycache_prefix each time, so every module compiles (Python 3.8+).")
  boolean noBytecodeCache;

  /** The limits asked for (validated; exit 2 on a bad value). */
  public LimitSpec spec() {
    return new LimitSpec(
        cpu == null ? 0 : LimitSpec.parsePercent(cpu),
        memory == null ? 0 : LimitSpec.parseSize(memory),
        coldCache,
        noBytecodeCache);
  }

  /**
   * Sets the limits up for measuring {@code target}, or returns null when none were asked for.
   * Close the result (try-with-resources) to remove the cgroup.
   */
  public Limits open(Interpreter python, Target target, Duration timeout, Map<String, String> env, Path directory) {
    LimitSpec spec = spec();
    if (!spec.any()) {
      return null;
    }
    if (target instanceof Target.Log) {
      throw UserError.usage("--cpu, --memory, --cold-cache and --no-bytecode-cache need a target to run, not --log");
    }
    return Limits.open(spec, python, target, timeout, env, directory);
  }
}
