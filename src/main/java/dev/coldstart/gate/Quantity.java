package dev.coldstart.gate;

/**
 * What an interleaved A/B compares, both measured by a few lines of Python around the target
 * (from just before it starts to when it ends; interpreter start-up and teardown left out).
 */
public enum Quantity {
  /**
   * {@code time.process_time()}: the CPU time the target's code burns. Steady on a busy machine (a
   * few percent run to run), blind to time spent waiting (sleep, I/O, a lock).
   */
  CPU,
  /**
   * {@code time.perf_counter()}: elapsed time. Sees waiting too, but on a shared machine swings by
   * tens of percent with what else runs.
   */
  WALL;

  /** How reports name it. */
  public String word() {
    return this == CPU ? "CPU time" : "wall time";
  }
}
