package dev.coldstart.cli;

import dev.coldstart.UserError;
import dev.coldstart.limits.LimitMode;
import dev.coldstart.limits.LimitSettings;
import dev.coldstart.limits.LimitSpec;
import dev.coldstart.limits.Limits;
import dev.coldstart.python.Interpreter;
import dev.coldstart.python.Target;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The production conditions to measure under, shared by the verbs that time Python ({@code
 * profile}, {@code check}): {@code --cpu PERCENT}, {@code --memory SIZE}, {@code --cold-cache},
 * {@code --no-bytecode-cache}, and {@code --limits MODE} for what to do when one cannot be applied.
 * See docs/limits.md.
 */
public final class LimitOptions {
  @Option(
      names = "--cpu",
      paramLabel = "PERCENT",
      description = "Run each measured process with this share of one CPU core (e.g. 10 or 10%%), in a cgroup; none lifts a configured limit.")
  String cpu;

  @Option(
      names = "--memory",
      paramLabel = "SIZE",
      description = "Limit each measured process to this much memory, no swap (e.g. 128M, 1G), in a cgroup; none lifts a configured limit.")
  String memory;

  @Option(
      names = "--cold-cache",
      description = "Evict every file the target loads from the page cache before each run.")
  boolean coldCache;

  @Option(
      names = "--no-bytecode-cache",
      description = "Run with a fresh empty -X pycache_prefix each time, so every module compiles (Python 3.8+).")
  boolean noBytecodeCache;

  @Option(
      names = "--limits",
      paramLabel = "MODE",
      description = "strict (default): stop with exit 2 when a limit cannot be applied; best-effort: measure without it and say so; off: ignore every limit.")
  String mode;

  /** What to do about limits. */
  public LimitMode mode() {
    LimitMode m = mode == null ? LimitMode.STRICT : LimitMode.parse(mode);
    if (m == LimitMode.OFF && settings().isSet()) {
      throw UserError.usage("--limits off ignores every limit; drop --cpu, --memory, --cold-cache and --no-bytecode-cache");
    }
    return m;
  }

  /** The limits the command line states; unset components come from the configuration (check). */
  public LimitSettings settings() {
    return new LimitSettings(
        cpu == null ? null : isNone(cpu) ? 0.0 : LimitSpec.parsePercent(cpu),
        memory == null ? null : isNone(memory) ? 0L : LimitSpec.parseSize(memory),
        coldCache ? Boolean.TRUE : null,
        noBytecodeCache ? Boolean.TRUE : null);
  }

  private static boolean isNone(String s) {
    return s.strip().equalsIgnoreCase("none");
  }

  /** The limits asked for (validated; exit 2 on a bad value). */
  public LimitSpec spec() {
    return mode() == LimitMode.OFF ? LimitSpec.NONE : settings().spec();
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
    return Limits.open(spec, mode(), python, timeout, List.of(new Limits.RunSite(target, env, directory)));
  }
}
