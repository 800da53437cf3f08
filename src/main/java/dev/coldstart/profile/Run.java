package dev.coldstart.profile;

import java.util.List;

/**
 * One measured interpreter process.
 *
 * @param kind whether it ran the target or the bare interpreter
 * @param index 0-based position among the measured runs of its kind
 * @param wallNanos process wall time as seen by coldstart
 * @param exitCode the process's exit status
 * @param importTimeLines the {@code import time:} rows and the other stderr lines, in order
 */
public record Run(Kind kind, int index, long wallNanos, int exitCode, List<String> importTimeLines) {
  /** What a run executed. */
  public enum Kind {
    TARGET,
    BARE
  }

  public double wallMs() {
    return wallNanos / 1e6;
  }
}
