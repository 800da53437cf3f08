package dev.coldstart.python;

import java.util.List;

/**
 * What surrounds each measured run of an interpreter: the command line it is started with (e.g.
 * through a wrapper that first joins a cgroup) and work done before it starts, outside its timing
 * (e.g. evicting its files from the page cache). Implementations live where the policy lives
 * ({@code dev.coldstart.limits}); {@link #NONE} changes nothing.
 */
public interface RunHook {
  /** A hook that runs every command unchanged. */
  RunHook NONE = new RunHook() {};

  /**
   * Called once per run, before the clock starts: may do untimed preparation and returns the command
   * line to start (the interpreter first, then its arguments) in place of {@code command}.
   */
  default List<String> prepare(List<String> command) {
    return command;
  }

  /** Called after the run ended; returns why it failed in the user's words, or null when unknown. */
  default String explainFailure(ProcessResult result) {
    return null;
  }

  /** What the reader of the results should know about the runs this hook surrounded. */
  default List<String> notes() {
    return List.of();
  }
}
