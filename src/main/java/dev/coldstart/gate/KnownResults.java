package dev.coldstart.gate;

import java.util.Optional;
import java.util.Set;

/**
 * Results already recorded for a commit (a results store), which bisect uses instead of measuring
 * again. An implementation answers only for results taken with the same target, the same
 * interpreter and on the same machine as the current run, and returns empty otherwise.
 *
 * <p>Only module sets are asked for: they are deterministic, so one recorded run is as good as a
 * new one. Recorded timings are not used, because a timed step compares a commit with GOOD in
 * interleaved runs taken at the same minutes, which a result recorded at another time cannot join.
 */
public interface KnownResults {
  /** No recorded results: everything is measured. */
  KnownResults NONE = (commit, target, python) -> Optional.empty();

  /**
   * The modules {@code target} loaded at {@code commit} with {@code python}, if recorded.
   *
   * @param commit the full commit hash
   * @param target the target as {@code Target.describe()} writes it
   * @param python the interpreter as {@code Interpreter.describe()} writes it
   */
  Optional<Set<String>> modulesLoaded(String commit, String target, String python);
}
